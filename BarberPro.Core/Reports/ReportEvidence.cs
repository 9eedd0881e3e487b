using System.Collections.Concurrent;
using System.Globalization;
using BarberPro.Core.Checklists;
using BarberPro.Core.Time;

namespace BarberPro.Core.Reports;

/// <summary>
/// Checklist evidence for "Generate daily performance report" and "Generate weekly performance report": the scheduled
/// report of today (ART) and of this week's Monday–Friday, passing when it exists. The scheduler records every report it
/// ensures (generated here or found stored by another instance), so the evidence is read from memory: the checklist
/// page asks synchronously. Singleton.
/// </summary>
public sealed class ReportEvidence(TimeProvider time)
{
    private readonly ConcurrentDictionary<(ReportKind Kind, DateOnly FirstDay), long> _stored = new();

    public static IReadOnlyList<string> Keys { get; } = [ChecklistEvidenceKeys.DailyReport, ChecklistEvidenceKeys.WeeklyReport];

    public void Record(ReportPeriod period, long id)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Kind != ReportKind.OnDemand)
        {
            _stored[(period.Kind, period.FirstDay)] = id;
        }
    }

    public IReadOnlyDictionary<string, ChecklistEvidence> GetEvidence(IReadOnlyCollection<string> evidenceKeys)
    {
        ArgumentNullException.ThrowIfNull(evidenceKeys);
        var now = time.GetUtcNow();
        var today = ArgentinaTime.DateOf(now);
        var evidence = new Dictionary<string, ChecklistEvidence>(StringComparer.Ordinal);
        if (evidenceKeys.Contains(ChecklistEvidenceKeys.DailyReport))
        {
            evidence[ChecklistEvidenceKeys.DailyReport] = For(ReportPeriod.Daily(today), now);
        }
        if (evidenceKeys.Contains(ChecklistEvidenceKeys.WeeklyReport))
        {
            evidence[ChecklistEvidenceKeys.WeeklyReport] = For(ReportPeriod.WorkWeek(today), now);
        }
        return evidence;
    }

    private ChecklistEvidence For(ReportPeriod period, DateTimeOffset now)
    {
        var due = "generated " + ArgentinaTime.FormatDateTime(period.ScheduledAt!.Value) + " ART";
        return _stored.TryGetValue((period.Kind, period.FirstDay), out var id)
            ? new ChecklistEvidence("Report #" + id.ToString(CultureInfo.InvariantCulture) + ": " + period.Title, true, period.End, due)
            : new ChecklistEvidence("Not generated yet: " + period.Title, false, now, due);
    }
}
