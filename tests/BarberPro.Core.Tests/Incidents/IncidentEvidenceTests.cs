using BarberPro.Core.Alerts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Incidents;

namespace BarberPro.Core.Tests.Incidents;

/// <summary>The informational evidence of the alert, window and incident checklist items.</summary>
public sealed class IncidentEvidenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero); // Mon 30 Nov 09:00 ART

    [Fact]
    public void EachItem_GetsItsCountAndLink_WithNoVerdict()
    {
        var evidence = IncidentEvidence.Compute(ChecklistEvidenceKeys.All, Inbox(), new IncidentSummary(Now, 1, 2, 3, TimeSpan.FromMinutes(5)), Now);

        Assert.Equal(
            [ChecklistEvidenceKeys.OvernightAlerts, ChecklistEvidenceKeys.WindowsTomorrow, ChecklistEvidenceKeys.WindowsThisWeek,
             ChecklistEvidenceKeys.OpenIncidents, ChecklistEvidenceKeys.PostMortemsDue],
            evidence.Keys);
        Assert.All(evidence.Values, e => Assert.Equal((ChecklistEvidenceKind.Informational, true, null), (e.Kind, e.Passed, e.Target)));
        Assert.Equal(("3 alerts fired overnight (18:00–09:00 ART) · 1 incident open", "/alerts"),
            (evidence[ChecklistEvidenceKeys.OvernightAlerts].Figure, evidence[ChecklistEvidenceKeys.OvernightAlerts].Link));
        Assert.Equal("1 window planned for tomorrow: Tue 1 Dec 02:00–04:00 ART", evidence[ChecklistEvidenceKeys.WindowsTomorrow].Figure);
        Assert.Equal("2 windows planned this week: Tue 1 Dec 02:00–04:00 ART; Thu 3 Dec 22:00 – Fri 4 Dec 01:00 ART",
            evidence[ChecklistEvidenceKeys.WindowsThisWeek].Figure);
        Assert.Equal(("1 incident open", "/incidents"),
            (evidence[ChecklistEvidenceKeys.OpenIncidents].Figure, evidence[ChecklistEvidenceKeys.OpenIncidents].Link));
        Assert.Equal("2 post-mortems due · 1 incident open", evidence[ChecklistEvidenceKeys.PostMortemsDue].Figure);
        Assert.Equal(Now, evidence[ChecklistEvidenceKeys.WindowsTomorrow].AsOf);
    }

    [Fact]
    public void NothingPlannedOrOpen_IsSaidAsSuch()
    {
        var evidence = IncidentEvidence.Compute(ChecklistEvidenceKeys.All, Inbox() with { Silences = [] }, new IncidentSummary(Now, 0, 0, 0, null), Now);

        Assert.Equal("No window planned for tomorrow (Tue 1 Dec)", evidence[ChecklistEvidenceKeys.WindowsTomorrow].Figure);
        Assert.Equal("No window planned this week (Mon 30 Nov – Sun 6 Dec)", evidence[ChecklistEvidenceKeys.WindowsThisWeek].Figure);
        Assert.Equal("No incident open", evidence[ChecklistEvidenceKeys.OpenIncidents].Figure);
        Assert.Equal("No post-mortem due · 0 incidents open", evidence[ChecklistEvidenceKeys.PostMortemsDue].Figure);
    }

    [Fact]
    public void ASourceNotRead_GivesNoFigure_NeverAnInventedZero()
    {
        var evidence = IncidentEvidence.Compute(ChecklistEvidenceKeys.All,
            Inbox() with { Alertmanager = AlertSourceStatus.Unavailable, Overnight = null }, incidents: null, Now);

        Assert.Empty(evidence);
        Assert.Empty(IncidentEvidence.Compute([ChecklistEvidenceKeys.Uptime], Inbox(), null, Now));
    }

    [Fact]
    public void AnInformationalLink_IsAPathOfTheDashboard()
    {
        Assert.Equal("/alerts", ChecklistEvidence.Informational("x", Now, "/alerts").Link);
        Assert.Throws<ArgumentException>(() => ChecklistEvidence.Informational("x", Now, "https://evil.example/"));
        Assert.Throws<ArgumentException>(() => ChecklistEvidence.Informational("x", Now, "//evil.example/"));
        Assert.Equal(ChecklistEvidenceKind.Verdict, new ChecklistEvidence("99.9 %", false, Now).Kind);
    }

    private static AlertInbox Inbox()
    {
        static Silence S(string id, DateTimeOffset from, DateTimeOffset to, string comment, SilenceState state = SilenceState.Pending) =>
            new(id, [SilenceMatcher.Exact("alertname", "HighErrorRate")], from, to, Now, "ana", comment, state);
        var (w1From, w1To) = MaintenanceWindowTime.ToUtc(new DateOnly(2026, 12, 1), new TimeOnly(2, 0), new TimeOnly(4, 0));
        var (w2From, w2To) = MaintenanceWindowTime.ToUtc(new DateOnly(2026, 12, 3), new TimeOnly(22, 0), new TimeOnly(1, 0));
        var (nextFrom, nextTo) = MaintenanceWindowTime.ToUtc(new DateOnly(2026, 12, 7), new TimeOnly(2, 0), new TimeOnly(4, 0));
        return AlertInbox.Empty with
        {
            Version = 3,
            AsOf = Now,
            Alertmanager = AlertSourceStatus.Ok,
            Prometheus = AlertSourceStatus.Ok,
            Silences =
            [
                S("w2", w2From, w2To, "Redis upgrade"),
                S("w1", w1From, w1To, "Database upgrade"),
                S("quick", Now, Now.AddDays(1).AddHours(2), "Silenced from the inbox for 24 h", SilenceState.Active),
                S("old", w1From, w1To, "cancelled", SilenceState.Expired),
                S("next-week", nextFrom, nextTo, "Next week"),
            ],
            Overnight = new OvernightCount(Now.AddHours(-15), Now, 3),
        };
    }
}
