using BarberPro.Core.Checklists;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BarberPro.Dashboard.Checklists;

public static class ChecklistsExtensions
{
    public static WebApplicationBuilder AddChecklists(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Singletons: both stores hold only the shared data source and the clock.
        services.AddSingleton<ChecklistStore>();
        services.AddSingleton<ChecklistTemplateStore>();
        // Until the live-panels feature registers its snapshot-backed provider, items show no evidence.
        services.TryAddSingleton<IChecklistEvidenceProvider, NoChecklistEvidence>();
        services.AddSignalR();
        // One listener per process; it pushes every committed change (from any instance) to the hub groups.
        services.AddHostedService<ChecklistEventListener>();
        return builder;
    }

    public static IEndpointRouteBuilder MapChecklists(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapChecklistApi();
        endpoints.MapHub<ChecklistHub>(ChecklistHub.Path);
        return endpoints;
    }
}
