using BarberPro.Core.Incidents;
using BarberPro.Core.Reports;
using BarberPro.Dashboard.Tests.Incidents;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>
/// A report's incident section read from the real PostgreSQL, as the gatherer reads it (the incident store's period,
/// then <see cref="ReportIncidents"/>): what opened or was resolved inside the period is in it with its time to resolve,
/// what happened outside is not, and the mean time to resolve is the one the overview's summary computes.
/// </summary>
public sealed class ReportIncidentsDatabaseTests : IAsyncLifetime
{
    // Wed 11 Jun 2031, 00:00–18:00 ART; its previous period is Tue 10 Jun, 00:00–18:00 ART.
    private static readonly ReportPeriod s_period = ReportPeriod.Daily(new DateOnly(2031, 6, 11));

    private readonly IncidentDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static DateTimeOffset Art(int day, int hour, int minute = 0) => new(2031, 6, day, hour, minute, 0, TimeSpan.FromHours(-3));

    [Fact]
    public async Task AnIncidentOpenedAndResolvedInThePeriod_IsInItsSection_WithItsTimeToResolve_AndOnesOutsideAreNot()
    {
        var inside = await OpenAsync("Checkout failing", Art(11, 10), resolvedAt: Art(11, 10, 42));
        var stillOpen = await OpenAsync("Slow search", Art(11, 12));
        var dayBefore = await OpenAsync("Yesterday's outage", Art(10, 9), resolvedAt: Art(10, 9, 30));
        var afterTheEnd = await OpenAsync("Evening blip", Art(11, 19), resolvedAt: Art(11, 19, 5));

        var now = await _db.Store.GetPeriodAsync(s_period.Start, s_period.End, default);
        var before = await _db.Store.GetPeriodAsync(s_period.Previous.Start, s_period.Previous.End, default);
        var section = ReportIncidents.Section(s_period, now);
        var figures = ReportIncidents.Figures(now, before);

        Assert.Equal(
            [(inside, "Checkout failing", IncidentDatabase.AnaName, (TimeSpan?)TimeSpan.FromMinutes(42)), (stillOpen, "Slow search", IncidentDatabase.AnaName, null)],
            section.Incidents.Select(i => (i.Id, i.Title, i.Lead, i.TimeToResolve)));
        Assert.DoesNotContain(section.Incidents, i => i.Id == dayBefore || i.Id == afterTheEnd);
        Assert.Equal([(double?)2, 1, 42 * 60], figures.Select(f => f.Value));
        Assert.Equal([(double?)1, 1, 30 * 60], figures.Select(f => f.Previous));
        // The same mean the overview computes, over a window holding exactly these two resolutions.
        var summary = await _db.Store.GetSummaryAsync(Art(11, 18), default);
        Assert.Equal((2, TimeSpan.FromMinutes(36)), (summary.ResolvedInWindow, summary.MeanTimeToResolve));
    }

    private async Task<long> OpenAsync(string title, DateTimeOffset openedAt, DateTimeOffset? resolvedAt = null)
    {
        var id = (await _db.Store.OpenAsync(new NewIncident(title, IncidentSeverities.Critical, IncidentDatabase.AnaId), IncidentDatabase.Ana, openedAt, default))!.Value;
        if (resolvedAt is { } at)
        {
            Assert.True(await _db.Store.ResolveAsync(id, "fixed", null, IncidentDatabase.Ana, at, default));
        }
        return id;
    }
}
