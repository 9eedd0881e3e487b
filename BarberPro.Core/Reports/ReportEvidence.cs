using System.Collections.Concurrent;
using System.Globalization;
using BarberPro.Core.Checklists;
using BarberPro.Core.Text;
using BarberPro.Core.Time;

namespace BarberPro.Core.Reports;

/// <summary>
/// Checklist evidence for "Generate daily performance report" and "Generate weekly performance report": the scheduled
/// report of today (ART) and of this week's Monday–Friday, passing when it exists in <c>dashboard.reports</c>, whichever
/// instance wrote it (an instance with <c>Reports:Schedule=false</c> shows it too). One indexed query answers both items
/// (<see cref="ReportStore.FindScheduledIdsAsync"/>); a report once found is remembered, since reports are never changed,
/// so the query runs only while a report is still missing. Singleton.
/// </summary>
public sealed class ReportEvidence(ReportStore store, TimeProvider time)
{
    public const string Unreadable = "Could not check: the dashboard database did not answer.";

    private readonly ConcurrentDictionary<(ReportKind Kind, DateOnly FirstDay), long> _found = new();

    public static IReadOnlyList<string> Keys { get; } = [ChecklistEvidenceKeys.DailyReport, ChecklistEvidenceKeys.WeeklyReport];

    /// <summary>A scheduled report this instance stored or found stored (saves the next evidence query).</summary>
    public void Record(ReportPeriod period, long id)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Kind != ReportKind.OnDemand)
        {
            _found[(period.Kind, period.FirstDay)] = id;
        }
    }

    public async Task<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceKeys);
        var now = time.GetUtcNow();
        var today = ArgentinaTime.DateOf(now);
        var wanted = new List<(string Key, ReportPeriod Period)>();
        if (evidenceKeys.Contains(ChecklistEvidenceKeys.DailyReport))
        {
            wanted.Add((ChecklistEvidenceKeys.DailyReport, ReportPeriod.Daily(today)));
        }
        if (evidenceKeys.Contains(ChecklistEvidenceKeys.WeeklyReport))
        {
            wanted.Add((ChecklistEvidenceKeys.WeeklyReport, ReportPeriod.WorkWeek(today)));
        }
        var evidence = new Dictionary<string, ChecklistEvidence>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return evidence;
        }

        var missing = wanted.Select(w => w.Period).Where(p => !_found.ContainsKey((p.Kind, p.FirstDay))).ToList();
        var unreadable = false;
        try
        {
            foreach (var ((kind, start), id) in await store.FindScheduledIdsAsync(missing, cancellationToken))
            {
                var period = missing.First(p => p.Kind == kind && p.Start == start);
                _found[(period.Kind, period.FirstDay)] = id;
            }
        }
        catch (ReportUnavailableException)
        {
            unreadable = true;
        }

        foreach (var (key, period) in wanted)
        {
            evidence[key] = For(period, now, unreadable);
        }
        return evidence;
    }

    private ChecklistEvidence For(ReportPeriod period, DateTimeOffset now, bool unreadable)
    {
        var scheduled = period.ScheduledAt!.Value;
        var due = Phrase.Of("Checklists_Ev_ReportDue", "generated {0} ART", new InCulture(culture => ArgentinaTime.FormatDateTime(scheduled, culture)));
        if (_found.TryGetValue((period.Kind, period.FirstDay), out var id))
        {
            var found = Phrase.Of("Checklists_Ev_Report", "Report #{0}: {1}", Phrase.Text(id.ToString(CultureInfo.InvariantCulture)), period.TitleWords);
            return new ChecklistEvidence(found.English, true, period.End, due.English) { Words = found, TargetWords = due };
        }
        var missing = unreadable
            ? Phrase.Of("Checklists_Ev_ReportUnreadable", Unreadable + " {0}", period.TitleWords)
            : Phrase.Of("Checklists_Ev_ReportNotYet", "Not generated yet: {0}", period.TitleWords);
        return new ChecklistEvidence(missing.English, false, now, due.English) { Words = missing, TargetWords = due };
    }
}
