namespace BarberPro.Core.Reports;

/// <summary>
/// Measures a report's figures for a period. <see cref="ReportGatherer"/> reads Prometheus, the booking aggregates and
/// the checklists; the scheduler's tests count calls with a fake of their own.
/// </summary>
public interface IReportSource
{
    Task<ReportContent> GatherAsync(ReportPeriod period, CancellationToken cancellationToken);
}
