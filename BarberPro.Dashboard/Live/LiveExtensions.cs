using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Metrics;
using BarberPro.Core.Prometheus;
using BarberPro.Dashboard.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Live;

public static class LiveExtensions
{
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        services.AddOptions<CostModelOptions>().Bind(configuration.GetSection(CostModelOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CostModelOptions>, CostModelOptionsValidator>();

        services.AddPrometheusClient(configuration.GetSection(PrometheusOptions.SectionName));
        services.AddPanelQueryCatalog(configuration.GetSection(PanelQueryOptions.SectionName));

        // One cache of chart range series per process: viewers of the same chart and window share one query.
        services.AddSingleton(sp => new ChartSeriesCache(sp.GetRequiredService<PrometheusClient>(),
            sp.GetRequiredService<PanelQueryCatalog>(), sp.GetRequiredService<TimeProvider>()));

        // Singletons: one store, one poller and one broadcaster per process, whatever the number of viewers.
        services.AddSingleton<LiveSnapshotStore>();
        // The views of each snapshot, one per language, computed once and shared by every circuit of that language, the
        // wall and the live API (English).
        services.AddSingleton<LiveViewStore>();
        // The words of each language besides English (the live API's, built into Core), from the resource files: the
        // views above and the charts' titles, thresholds and bands (LiveChartFrames, ChartGrid) say them.
        services.AddLocalization();
        foreach (var language in Localization.Languages.All.Where(l => l != Localization.Languages.English))
        {
            services.AddSingleton<ILiveWords>(sp => new ResourceLiveWords(
                sp.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Localization.Strings>>(), language));
        }
        // What each snapshot adds to each chart, shaped once for every circuit's ChartGrid.
        services.AddSingleton<LiveChartFrames>();
        // The HTML of each view's tiles and banner, rendered once for every circuit's page.
        services.AddSingleton<LiveMarkup>();
        services.AddSingleton<PrometheusPanelSources>();
        // Each panel is one IPanelSource; other features (booking figures) add their own the same way.
        foreach (var key in PrometheusPanelSources.Keys)
        {
            services.AddSingleton<IPanelSource>(sp => sp.GetRequiredService<PrometheusPanelSources>().Get(key));
        }
        services.AddSingleton<LivePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<LivePoller>());
        services.AddHostedService<LiveBroadcaster>();
        services.AddPrometheusMetrics();
        services.AddSingleton<DashboardMetrics>();

        // Informational on /ready: a Prometheus that hangs must never make the probe slow or 503 (a Kubernetes probe
        // gives up after 3 s), so the check is cut at 1 s and reports Degraded.
        services.AddHealthChecks().AddCheck<PrometheusHealthCheck>("prometheus", failureStatus: HealthStatus.Degraded,
            tags: [HealthEndpoints.InformationalTag], timeout: TimeSpan.FromSeconds(1));
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHub.Path);
        endpoints.MapSeriesApi();
        return endpoints;
    }
}
