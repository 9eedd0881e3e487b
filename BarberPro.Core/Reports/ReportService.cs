using Microsoft.Extensions.Logging;

namespace BarberPro.Core.Reports;

/// <summary>
/// Generates and stores reports: the scheduler's "make sure this one exists" and a Manager's "generate now".
/// Singleton: it holds no state of its own.
/// </summary>
public sealed partial class ReportService(ReportStore store, IReportSource source, ReportEvidence evidence, TimeProvider time, ILogger<ReportService> logger)
{
    /// <summary>
    /// Stores the scheduled report of <paramref name="period"/> unless it exists. Two instances may both gather the
    /// figures at the same moment; the unique key keeps one row and both return its id.
    /// </summary>
    public async Task<long> EnsureAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Kind == ReportKind.OnDemand)
        {
            throw new ArgumentException("On-demand reports are generated with GenerateNowAsync.", nameof(period));
        }
        if (await store.FindIdAsync(period, cancellationToken) is { } stored)
        {
            evidence.Record(period, stored);
            return stored;
        }
        var content = await source.GatherAsync(period, cancellationToken);
        var (id, inserted) = await store.InsertAsync(period, content, time.GetUtcNow(), ReportAuthors.System, cancellationToken);
        if (inserted)
        {
            LogGenerated(period.KindName, period.FirstDay, id, ReportAuthors.System);
        }
        evidence.Record(period, id);
        return id;
    }

    /// <summary>Today's report so far (00:00 ART to this minute), generated at a Manager's request.</summary>
    public async Task<long> GenerateNowAsync(string by, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var period = ReportPeriod.OnDemand(time.GetUtcNow());
        var content = await source.GatherAsync(period, cancellationToken);
        var (id, _) = await store.InsertAsync(period, content, time.GetUtcNow(), by, cancellationToken);
        LogGenerated(period.KindName, period.FirstDay, id, by);
        return id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Kind} for {Day} generated as {ReportId} by {By}")]
    private partial void LogGenerated(string kind, DateOnly day, long reportId, string by);
}
