using BarberPro.Core.Checklists;
using BarberPro.Core.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Reports;

public static class ReportsExtensions
{
    /// <summary>
    /// Performance reports (issue 13): the store, the gatherer (Prometheus, the booking aggregates, the checklists), the
    /// service and the scheduler. All singletons holding no per-user state. Every instance runs the scheduler; the
    /// database keeps each scheduled report once. Reads the booking database registration of AddBookings.
    /// </summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection(ReportOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        services.TryAddSingleton<ChecklistStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportGatherer>();
        services.AddSingleton<IReportSource>(sp => sp.GetRequiredService<ReportGatherer>());
        services.AddSingleton<ReportEvidence>();
        services.AddSingleton<ReportService>();
        DecorateEvidence(services);
        // After the migration service (registered by persistence first).
        services.AddSingleton<ReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportScheduler>());
        return builder;
    }

    /// <summary>
    /// Wraps the checklist evidence provider registered so far (the live panels', by AddChecklists) with the reports'
    /// keys; with none registered yet, the reports' evidence stands alone and the checklists' TryAdd leaves it.
    /// </summary>
    private static void DecorateEvidence(IServiceCollection services)
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IChecklistEvidenceProvider));
        if (existing is not null)
        {
            services.Remove(existing);
        }
        services.AddSingleton<IChecklistEvidenceProvider>(sp => new ReportEvidenceProvider(
            existing switch
            {
                null => new NoChecklistEvidence(),
                { ImplementationInstance: IChecklistEvidenceProvider instance } => instance,
                { ImplementationFactory: { } factory } => (IChecklistEvidenceProvider)factory(sp),
                { ImplementationType: { } type } => (IChecklistEvidenceProvider)ActivatorUtilities.CreateInstance(sp, type),
                _ => new NoChecklistEvidence(),
            },
            sp.GetRequiredService<ReportEvidence>()));
    }
}
