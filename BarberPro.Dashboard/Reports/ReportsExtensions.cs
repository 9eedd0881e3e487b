using BarberPro.Core.Checklists;
using BarberPro.Core.Incidents;
using BarberPro.Core.Reports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Reports;

public static class ReportsExtensions
{
    /// <summary>
    /// Performance reports (issue 13): the store, the gatherer (Prometheus, the booking aggregates, the checklists, the
    /// incidents), the service and the scheduler. All singletons holding no per-user state. Every instance runs the scheduler; the
    /// database keeps each scheduled report once. Reads the booking database registration of AddBookings.
    /// </summary>
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection(ReportOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        services.TryAddSingleton<ChecklistStore>();
        services.TryAddSingleton<IncidentStore>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportGatherer>();
        services.AddSingleton<IReportSource>(sp => sp.GetRequiredService<ReportGatherer>());
        services.AddSingleton<ReportEvidence>();
        services.AddSingleton<ReportService>();
        // The reports' evidence keys, around the checklists' provider registered so far (so after AddChecklists).
        ChecklistEvidenceRegistration.Decorate(services, (sp, inner) => new ReportEvidenceProvider(inner, sp.GetRequiredService<ReportEvidence>()));
        // After the migration service (registered by persistence first).
        services.AddSingleton<ReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportScheduler>());
        return builder;
    }
}
