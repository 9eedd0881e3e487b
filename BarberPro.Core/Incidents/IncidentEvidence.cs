using BarberPro.Core.Alerts;
using BarberPro.Core.Checklists;
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
            var text = $"{Count(night.Fired, "alert", "alerts")} fired overnight ({ArgentinaTime.FormatTime(night.From)}–{ArgentinaTime.FormatTime(night.To)} ART)";
            if (incidents is not null)
            {
                text += $" · {Count(incidents.Open, "incident", "incidents")} open";
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
                        ? $"No window planned for tomorrow ({Day(tomorrow)})"
                        : $"{Count(windows.Count, "window", "windows")} planned for tomorrow: {Describe(windows)}",
                    read, AlertsLink);
            }

            if (keys.Contains(ChecklistEvidenceKeys.WindowsThisWeek))
            {
                var monday = ArgentinaTime.WeekStart(today);
                var windows = MaintenanceWindowTime.WindowsOn(inbox.Silences, monday, monday.AddDays(6));
                evidence[ChecklistEvidenceKeys.WindowsThisWeek] = ChecklistEvidence.Informational(
                    windows.Count == 0
                        ? $"No window planned this week ({Day(monday)} – {Day(monday.AddDays(6))})"
                        : $"{Count(windows.Count, "window", "windows")} planned this week: {Describe(windows)}",
                    read, AlertsLink);
            }
        }

        if (incidents is not null)
        {
            if (keys.Contains(ChecklistEvidenceKeys.OpenIncidents))
            {
                evidence[ChecklistEvidenceKeys.OpenIncidents] = ChecklistEvidence.Informational(
                    incidents.Open == 0 ? "No incident open" : $"{Count(incidents.Open, "incident", "incidents")} open",
                    incidents.AsOf, IncidentsLink);
            }

            if (keys.Contains(ChecklistEvidenceKeys.PostMortemsDue))
            {
                var due = incidents.PostMortemsDue == 0 ? "No post-mortem due" : $"{Count(incidents.PostMortemsDue, "post-mortem", "post-mortems")} due";
                evidence[ChecklistEvidenceKeys.PostMortemsDue] = ChecklistEvidence.Informational(
                    $"{due} · {Count(incidents.Open, "incident", "incidents")} open", incidents.AsOf, IncidentsLink);
            }
        }

        return evidence;
    }

    private static string Count(long n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    private static string Day(DateOnly date) => date.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>At most three windows spelled out, then how many more.</summary>
    private static string Describe(IReadOnlyList<Silence> windows)
    {
        var shown = string.Join("; ", windows.Take(3).Select(w => MaintenanceWindowTime.Describe(w.StartsAt, w.EndsAt)));
        return windows.Count > 3 ? $"{shown}; and {windows.Count - 3} more" : shown;
    }
}
