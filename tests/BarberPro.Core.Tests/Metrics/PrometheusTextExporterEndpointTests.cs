using System.Diagnostics.Metrics;
using BarberPro.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BarberPro.Core.Tests.Metrics;

public sealed class PrometheusTextExporterEndpointTests
{
    [Fact]
    public async Task MapPrometheusTextExporter_Get_ServesTextFormatWithItsContentType()
    {
        var meterName = "BarberPro.Tests.Endpoint." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusTextExporter(meterName);
        await using var app = builder.Build();
        app.MapPrometheusTextExporter("/custom-metrics");
        await app.StartAsync(CancellationToken.None);

        // Meters from IMeterFactory are seen by the listener the host started.
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create(meterName);
        meter.CreateCounter<long>("endpoint_hits_total", description: "Hits.").Add(2);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await client.GetAsync(new Uri("/custom-metrics", UriKind.Relative), CancellationToken.None);
        var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
        await app.StopAsync(CancellationToken.None);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("endpoint_hits_total 2\n", body, StringComparison.Ordinal);
    }
}
