using System.Text.Json;
using BarberPro.Core.Incidents;
using BarberPro.Core.Reports;

namespace BarberPro.Core.Tests.Reports;

/// <summary>A report's incident section and figures, from the incident store's reading of the period.</summary>
public sealed class ReportIncidentsTests
{
    // Wed 11 Jun 2031, 00:00–18:00 ART = 03:00–21:00 UTC.
    private static readonly ReportPeriod s_period = ReportPeriod.Daily(new DateOnly(2031, 6, 11));

    private static Incident Incident(long id, DateTimeOffset opened, DateTimeOffset? resolved, string severity = "critical") => new(
        id, "Incident " + id, severity, "u-ana", "Ana Operator", opened, "Ana Operator",
        resolved is null ? IncidentStatus.Open : IncidentStatus.Resolved, resolved, resolved is null ? null : "Ana Operator", null, null);

    private static DateTimeOffset Art(int day, int hour, int minute = 0) => new(2031, 6, day, hour, minute, 0, TimeSpan.FromHours(-3));

    [Fact]
    public void TheSection_SaysForEachIncident_WhetherItOpenedOrWasResolvedInThePeriod_OldestOpenedFirst()
    {
        var read = new IncidentPeriod(
        [
            Incident(7, Art(11, 10), Art(11, 10, 42)), // opened and resolved inside
            Incident(3, Art(10, 23), Art(11, 1, 30)), // opened the day before, resolved inside
            Incident(9, Art(11, 17), null), // opened inside, still open
            Incident(8, Art(11, 16), Art(11, 19)), // opened inside, resolved after the period's end
        ], 3, 2, TimeSpan.FromMinutes(136));

        var section = ReportIncidents.Section(s_period, read);

        Assert.Null(section.Error);
        Assert.Equal(
            [(3L, false, true, (TimeSpan?)TimeSpan.FromMinutes(150)), (7L, true, true, TimeSpan.FromMinutes(42)), (8L, true, false, null), (9L, true, false, null)],
            section.Incidents.Select(i => (i.Id, i.OpenedInPeriod, i.ResolvedInPeriod, i.TimeToResolve)));
        // A resolution after the period's end is not what the period knew: shown as still open.
        Assert.Null(section.Incidents.Single(i => i.Id == 8).ResolvedAt);
        Assert.Equal(("Incident 7", "critical", "Ana Operator", Art(11, 10), (DateTimeOffset?)Art(11, 10, 42)),
            section.Incidents.Select(i => (i.Title, i.Severity, i.Lead, i.OpenedAt, i.ResolvedAt)).ElementAt(1));
    }

    [Fact]
    public void AnIncidentNeitherOpenedNorResolvedInThePeriod_IsLeftOut()
    {
        var read = new IncidentPeriod([Incident(1, Art(10, 9), Art(10, 10)), Incident(2, Art(11, 18, 30), null)], 0, 0, null);

        Assert.Empty(ReportIncidents.Section(s_period, read).Incidents);
    }

    [Fact]
    public void TheFigures_AreTheCountsAndTheMeanTimeToResolve_AgainstThePreviousPeriod()
    {
        var now = new IncidentPeriod([], 3, 2, TimeSpan.FromMinutes(42));
        var before = new IncidentPeriod([], 1, 1, TimeSpan.FromMinutes(65));

        var figures = ReportIncidents.Figures(now, before);

        Assert.Equal(
            [(ReportFigureKeys.IncidentsOpened, (double?)3, (double?)1, "3", "+2"), (ReportFigureKeys.IncidentsResolved, 2, 1, "2", "+1"),
             (ReportFigureKeys.MeanTimeToResolve, 2520, 3900, "42 min", "-23 min")],
            figures.Select(f => (f.Key, f.Value, f.Previous, f.Display, f.ChangeText)));
        Assert.All(figures, f => Assert.Equal((ReportIncidents.Group, (bool?)null, (string?)null), (f.Group, f.Passed, f.Target)));
        Assert.Equal("1 h 5 min", figures[2].PreviousDisplay);
    }

    [Fact]
    public void NoIncidentResolved_OrAPeriodNotRead_GivesNoMean_NeverZero()
    {
        var figures = ReportIncidents.Figures(new IncidentPeriod([], 1, 0, null), null);

        Assert.Equal([(double?)1, 0, null], figures.Select(f => f.Value));
        Assert.All(figures, f => Assert.Null(f.Previous));
        Assert.Equal(("no data", "no data"), (figures[2].Display, figures[2].ChangeText));
    }

    [Fact]
    public void TheSection_IsStoredAndReadBackAsIs_AndAReportStoredBeforeItHasNone()
    {
        var section = ReportIncidents.Section(s_period, new IncidentPeriod([Incident(7, Art(11, 10), Art(11, 10, 42))], 1, 1, TimeSpan.FromMinutes(42)));
        var content = new ReportContent([], [], [], [], [], [], null, section);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var back = JsonSerializer.Deserialize<ReportContent>(JsonSerializer.Serialize(content, options), options)!;
        var old = JsonSerializer.Deserialize<ReportContent>("""{"figures":[],"cities":[],"alerts":[],"openItems":[],"queries":[],"problems":[]}""", options)!;

        Assert.Equal(section.Incidents, back.Incidents!.Incidents);
        Assert.Equal(TimeSpan.FromMinutes(42), back.Incidents.Incidents[0].TimeToResolve);
        Assert.Null(old.Incidents);
    }
}
