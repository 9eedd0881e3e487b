using BarberPro.Core.Prometheus;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>The dashboard whose Prometheus client counts the 7-day range queries it sends to the real Prometheus (see <see cref="SeriesApiTests"/>).</summary>
public sealed class SeriesCountingFactory : DashboardFactory
{
    private int _sevenDayRangeQueries;

    public int SevenDayRangeQueries => Volatile.Read(ref _sevenDayRangeQueries);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddHttpClient<PrometheusClient>().AddHttpMessageHandler(() => new CountingHandler(this)));
    }

    /// <summary>Counts range queries at the 7-day chart's step (15 min); the live poller's range queries use a finer one.</summary>
    private sealed class CountingHandler(SeriesCountingFactory owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/api/v1/query_range", StringComparison.Ordinal) == true
                && request.Content is not null
                && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains("step=900", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref owner._sevenDayRangeQueries);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
