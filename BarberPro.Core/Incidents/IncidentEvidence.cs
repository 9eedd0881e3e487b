using BarberPro.Core.Alerts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Text;
using BarberPro.Core.Time;

namespace BarberPro.Core.Incidents;

/// <summary>
/// Checklist evidence of the alert, maintenance-window and incident items, all informational (a count to look at, with
/// a link, no pass/fail): what fired overnight and the incidents open ("Review overnight alerts and incidents"), the
/// windows planned for tomorrow / this week ("Plan tomorrow's maintenance windows", "Schedule maintenance windows"),
/// incidents open ("Document any incidents or issues") and post-mortems due ("Review incident post-mortems"). Pure: it
/// reads the newest alert inbox and incident summary, which each instance's reader and recorder keep fresh, so the
/// checklist page's synchronous question costs no query. A figure whose source has not been read is absent.
/// </summary>
public static class IncidentEvidence
{
    public const string AlertsLink = "/alerts";
    public const string IncidentsLink = "/incidents";

    public static IReadOnlyList<string> Keys { get; } =
    [
        ChecklistEvidenceKeys.OvernightAlerts, ChecklistEvidenceKeys.WindowsTomorrow, ChecklistEvidenceKeys.WindowsThisWeek,
        ChecklistEvidenceKeys.OpenIncidents, ChecklistEvidenceKeys.PostMortemsDue,
    ];

    public static Dictionary<string, ChecklistEvidence> Compute(IReadOnlyCollection<string> keys, AlertInbox inbox, IncidentSummary? incidents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(inbox);
        var evidence = new Dictionary<string, ChecklistEvidence>(StringComparer.Ordinal);
        var today = ArgentinaTime.DateOf(now);
        if (keys.Contains(ChecklistEvidenceKeys.OvernightAlerts) && inbox is { Overnight: { } night, AsOf: { } asOf })
        {
            var text = Phrase.Of("Checklists_Ev_Overnight", "{0} fired overnight ({1}–{2} ART)",
                Count(night.Fired, "Alert", "alert", "alerts"), Phrase.Text(ArgentinaTime.FormatTime(night.From)), Phrase.Text(ArgentinaTime.FormatTime(night.To)));
            if (incidents is not null)
            {
                text = Phrase.Join(" · ", [text, OpenIncidents(incidents.Open)]);
            }

            evidence[ChecklistEvidenceKeys.OvernightAlerts] = ChecklistEvidence.Informational(text, asOf, AlertsLink);
        }

        if (inbox is { Alertmanager: AlertSourceStatus.Ok, AsOf: { } read })
        {
            if (keys.Contains(ChecklistEvidenceKeys.WindowsTomorrow))
            {
                var tomorrow = today.AddDays(1);
                var windows = MaintenanceWindowTime.WindowsOn(inbox.Silences, tomorrow, tomorrow);
                evidence[ChecklistEvidenceKeys.WindowsTomorrow] = ChecklistEvidence.Informational(
                    windows.Count == 0
                        ? Phrase.Of("Checklists_Ev_NoWindowTomorrow", "No window planned for tomorrow ({0})", Day(tomorrow))
                        : Phrase.Of("Checklists_Ev_WindowsTomorrow", "{0} planned for tomorrow: {1}", Count(windows.Count, "Window", "window", "windows"), Describe(windows)),
                    read, AlertsLink);
            }

            if (keys.Contains(ChecklistEvidenceKeys.WindowsThisWeek))
            {
                var monday = ArgentinaTime.WeekStart(today);
                var windows = MaintenanceWindowTime.WindowsOn(inbox.Silences, monday, monday.AddDays(6));
                evidence[ChecklistEvidenceKeys.WindowsThisWeek] = ChecklistEvidence.Informational(
                    windows.Count == 0
                        ? Phrase.Of("Checklists_Ev_NoWindowWeek", "No window planned this week ({0} – {1})", Day(monday), Day(monday.AddDays(6)))
                        : Phrase.Of("Checklists_Ev_WindowsWeek", "{0} planned this week: {1}", Count(windows.Count, "Window", "window", "windows"), Describe(windows)),
                    read, AlertsLink);
            }
        }

        if (incidents is not null)
        {
            if (keys.Contains(ChecklistEvidenceKeys.OpenIncidents))
            {
                evidence[ChecklistEvidenceKeys.OpenIncidents] = ChecklistEvidence.Informational(
                    incidents.Open == 0 ? Phrase.Of("Checklists_Ev_NoIncidentOpen", "No incident open") : OpenIncidents(incidents.Open),
                    incidents.AsOf, IncidentsLink);
            }

            if (keys.Contains(ChecklistEvidenceKeys.PostMortemsDue))
            {
                var due = incidents.PostMortemsDue switch
                {
                    0 => Phrase.Of("Checklists_Ev_NoPostMortem", "No post-mortem due"),
                    1 => Phrase.Of("Checklists_Ev_PostMortemOne", "1 post-mortem due"),
                    var n => Phrase.Of("Checklists_Ev_PostMortems", "{0} post-mortems due", new Num(n, "0")),
                };
                evidence[ChecklistEvidenceKeys.PostMortemsDue] = ChecklistEvidence.Informational(
                    Phrase.Join(" · ", [due, OpenIncidents(incidents.Open)]), incidents.AsOf, IncidentsLink);
            }
        }

        return evidence;
    }

    /// <summary>"1 alert", "3 alerts" (keys <c>Checklists_Ev_{noun}One</c> and <c>…{noun}s</c>).</summary>
    private static Phrase Count(long n, string noun, string one, string many) => n == 1
        ? Phrase.Of($"Checklists_Ev_{noun}One", $"1 {one}")
        : Phrase.Of($"Checklists_Ev_{noun}s", "{0} " + many, new Num(n, "0"));

    /// <summary>"1 incident open", "3 incidents open": one phrase, so Spanish can agree ("1 incidente abierto").</summary>
    private static Phrase OpenIncidents(long n) => n == 1
        ? Phrase.Of("Checklists_Ev_IncidentOpenOne", "1 incident open")
        : Phrase.Of("Checklists_Ev_IncidentsOpen", "{0} incidents open", new Num(n, "0"));

    private static InCulture Day(DateOnly date) => new(culture => ArgentinaTime.FormatDate(date, culture));

    private static Phrase Describe(IReadOnlyList<Silence> windows)
    {
        var shown = Phrase.Join("; ", windows.Take(3).Select(w => Phrase.Numbers("{0}", new InCulture(culture => MaintenanceWindowTime.Describe(w.StartsAt, w.EndsAt, culture)))));
        return windows.Count > 3 ? Phrase.Of("Checklists_Ev_AndMore", "{0}; and {1} more", shown, new Num(windows.Count - 3, "0")) : shown;
    }
}
