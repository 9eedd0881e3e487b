using BarberPro.Core.Alerts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// Incidents (issue 12, item 4): the store, the summary, the recorder (one per process), the NOTIFY channel that brings
/// other instances' changes, the write policy, the components' commands, and the checklist evidence of the alert, window
/// and incident items (registered after AddChecklists).
/// </summary>
public static class IncidentsExtensions
{
    public static WebApplicationBuilder AddIncidents(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<AlertInboxStore>();
        services.TryAddSingleton<IncidentStore>();
        services.AddSingleton<IncidentSummaryStore>();
        // The live snapshot (scale events) when the live panels are registered; without them only alert transitions are recorded.
        services.AddSingleton(sp => new IncidentRecorder(
            sp.GetRequiredService<IncidentStore>(),
            sp.GetRequiredService<IncidentSummaryStore>(),
            sp.GetRequiredService<AlertInboxStore>(),
            sp.GetService<LiveSnapshotStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AlertsOptions>>(),
            sp.GetRequiredService<ILogger<IncidentRecorder>>()));
        services.AddHostedService(sp => sp.GetRequiredService<IncidentRecorder>());
        // Changes written through other instances reach this one's pages at once (PostgreSQL NOTIFY).
        services.AddDatabaseEventChannel<IncidentEventChannel>();
        services.AddScoped<IncidentCommands>();
        services.AddAuthorizationBuilder()
            .AddPolicy(IncidentPolicies.Write, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Operator)));
        // Evidence of the alert, window and incident checklist items, around the checklists' provider (so after AddChecklists).
        ChecklistEvidenceRegistration.Decorate(services, (sp, inner) => new IncidentEvidenceProvider(
            inner, sp.GetRequiredService<AlertInboxStore>(), sp.GetRequiredService<IncidentSummaryStore>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
