using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Metrics;

public static class PrometheusTextExporterExtensions
{
    /// <summary>
    /// Registers the one process-wide exporter (singleton: it owns the MeterListener and the accumulated
    /// series) for the given meter names. It starts with the host, so nothing recorded before the first
    /// scrape is lost. May be called several times; the names add up.
    /// </summary>
    public static IServiceCollection AddPrometheusTextExporter(this IServiceCollection services, params string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(meterNames);
        services.AddMetrics();
        services.Configure<PrometheusTextExporterOptions>(options =>
        {
            foreach (var name in meterNames)
            {
                options.MeterNames.Add(name);
            }
        });
        services.TryAddSingleton(sp => new PrometheusTextExporter(sp.GetRequiredService<IOptions<PrometheusTextExporterOptions>>().Value.MeterNames));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PrometheusTextExporterStarter>());
        return services;
    }

    /// <summary>Maps GET <paramref name="path"/> to the exposition; add authorization on the returned builder if needed.</summary>
    public static IEndpointConventionBuilder MapPrometheusTextExporter(this IEndpointRouteBuilder endpoints, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return endpoints.MapGet(path, static async (HttpContext context, PrometheusTextExporter exporter) =>
        {
            var text = exporter.Collect();
            context.Response.ContentType = PrometheusTextFormat.ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        }).ExcludeFromDescription();
    }

    /// <summary>Creates the exporter when the host starts, so its listener sees measurements from the first one.</summary>
    private sealed class PrometheusTextExporterStarter(PrometheusTextExporter exporter) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(exporter);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
