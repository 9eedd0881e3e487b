using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace BarberPro.Core.Metrics;

/// <summary>
/// prometheus-net wired the same way in every app of the solution: one <see cref="CollectorRegistry"/> per app
/// instance, never the static default (tests host several apps in one process, and each must see only its own
/// series), and a <c>/metrics</c> endpoint that serves it in the text format 0.0.4.
/// </summary>
public static class PrometheusMetricsExtensions
{
    /// <summary>
    /// Registers the app's own registry and an <see cref="IMetricFactory"/> over it (singletons). Every feature that
    /// creates metrics calls this; the first call wins, so all of them share the one registry.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ => global::Prometheus.Metrics.NewCustomRegistry());
        services.TryAddSingleton<IMetricFactory>(sp => global::Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        return services;
    }

    /// <summary>
    /// Maps GET <paramref name="path"/> to the app's registry; add authorization on the returned builder if needed.
    /// Always the text format 0.0.4, also when a scraper offers OpenMetrics: OpenMetrics would spell the histogram
    /// bound <c>le="1"</c> as <c>le="1.0"</c>, which Prometheus 2.x stores as another series than the one the
    /// history (and every scrape so far) has.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string path = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var registry = endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>();
        return endpoints.MapMetrics(settings =>
        {
            settings.Registry = registry;
            settings.EnableOpenMetrics = false;
        }, path);
    }
}
