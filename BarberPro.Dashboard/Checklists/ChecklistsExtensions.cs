using BarberPro.Core.Checklists;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BarberPro.Dashboard.Checklists;

public static class ChecklistsExtensions
{
    public static WebApplicationBuilder AddChecklists(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Singletons: both stores hold only the shared data source and the clock.
        services.AddSingleton<ChecklistStore>();
        services.AddSingleton<IChecklistRunStore>(sp => sp.GetRequiredService<ChecklistStore>());
        services.AddSingleton<ChecklistTemplateStore>();
        services.AddSingleton<ChecklistPeople>();
        // Evidence comes from the live panels' snapshot when that feature is registered, else there is none. TryAdd, so a
        // host (or a test) can put its own provider first.
        services.TryAddSingleton<IChecklistEvidenceProvider>(sp => sp.GetService<LiveSnapshotStore>() is { } live
            ? new LiveSnapshotEvidenceProvider(live)
            : new NoChecklistEvidence());
        services.AddSignalR();
        // The checklist channel of the instance's one database listener; it pushes every committed change (from any
        // instance) to the hub groups.
        services.AddSingleton<ChecklistLiveStatus>();
        services.AddSingleton<ChecklistRunFeed>();
        services.AddDatabaseEventChannel<ChecklistEventChannel>();
        services.AddHostedService(sp => sp.GetRequiredService<ChecklistEventChannel>());
        // Who has a run open, across instances (its own NOTIFY channel on the same listener).
        services.AddDatabaseEventChannel<ChecklistPresence>();
        services.AddHostedService(sp => sp.GetRequiredService<ChecklistPresence>());
        services.AddHostedService<ChecklistRunScheduler>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChecklists(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ChecklistHub>(ChecklistHub.Path);
        return endpoints;
    }
}
