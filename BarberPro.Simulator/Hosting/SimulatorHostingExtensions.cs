using BarberPro.Core.Metrics;
using BarberPro.Simulator.Cluster;
using BarberPro.Simulator.Scenarios;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BarberPro.Simulator.Hosting;

public static class SimulatorHostingExtensions
{
    public static WebApplicationBuilder AddBarberProSimulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>().Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // One model per process (singleton): every scrape and every scenario switch sees the same cluster.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SimulatorOptions>>().Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            var model = new ClusterModel(options.Seed, timeProvider, timeProvider.GetUtcNow());
            ClusterScenarios.TryGet(options.InitialScenario, out var scenario);
            model.SetScenario(scenario);
            return new ClusterModelHost(model);
        });
        services.AddPrometheusMetrics();
        services.AddSingleton<ClusterMetrics>();
        services.AddSingleton<ClusterSimulationService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterSimulationService>());
        return builder;
    }

    public static WebApplication MapBarberProSimulator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Create the series (and their collect-time update) before the first scrape.
        _ = app.Services.GetRequiredService<ClusterMetrics>();
        app.MapPrometheusMetrics();
        app.MapScenarioApi();
        app.MapGet("/health", () => TypedResults.Text("ok")).WithName("Health");
        return app;
    }
}
