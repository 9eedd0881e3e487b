using BarberPro.Core.Alerts;
using BarberPro.Core.Charts;
using BarberPro.Core.Incidents;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BarberPro.Dashboard.Charts;

/// <summary>The bands of the live charts (issue 12, item 5): alert firing periods, maintenance windows and incidents.</summary>
public static class ChartsExtensions
{
    /// <summary>
    /// Registers the process's one <see cref="ChartEventStore"/> (a singleton that reads the bands when they change and
    /// is a hosted service), and the stores it reads (the same singletons the alert and incident features use).
    /// </summary>
    public static WebApplicationBuilder AddChartBands(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<AlertHistoryStore>();
        services.TryAddSingleton<AlertInboxStore>();
        services.TryAddSingleton<IncidentStore>();
        services.TryAddSingleton<IncidentSummaryStore>();
        services.AddSingleton<ChartEventStore>();
        services.AddHostedService(sp => sp.GetRequiredService<ChartEventStore>());
        return builder;
    }
}
