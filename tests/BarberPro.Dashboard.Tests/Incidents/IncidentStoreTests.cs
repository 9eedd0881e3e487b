using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Incidents;

/// <summary>The incident tables on the real PostgreSQL: what a write stores, what the timeline records by itself, the summary's figures, immutability.</summary>
public sealed class IncidentStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero); // 09:00 ART

    private readonly IncidentDatabase _db = new();

    private IncidentStore Store => _db.Store;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task OpenNoteResolveReopen_AreKeptInOrder_WithTheAuthorsDisplayName()
    {
        var id = (await Store.OpenAsync(new NewIncident(" Checkout failing ", "critical", IncidentDatabase.VicId), IncidentDatabase.Ana, T0, default))!.Value;
        Assert.True(await Store.AddNoteAsync(id, "Rolled back 1.42.", IncidentDatabase.Ana, T0.AddMinutes(3), default));
        Assert.True(await Store.ResolveAsync(id, "Bad release; rolled back.", "https://wiki.example/pm/42", IncidentDatabase.Ana, T0.AddMinutes(9), default));
        Assert.False(await Store.ResolveAsync(id, "again", null, IncidentDatabase.Ana, T0.AddMinutes(10), default));
        Assert.True(await Store.ReopenAsync(id, IncidentDatabase.Vic, T0.AddMinutes(12), default));
        Assert.False(await Store.ReopenAsync(id, IncidentDatabase.Vic, T0.AddMinutes(13), default));
        Assert.False(await Store.AddNoteAsync(id + 1000, "nowhere", IncidentDatabase.Ana, T0, default));

        var detail = (await Store.GetAsync(id, default))!;
        var incident = detail.Incident;
        Assert.Equal(("Checkout failing", "critical", IncidentDatabase.VicName, IncidentDatabase.AnaName, IncidentStatus.Open),
            (incident.Title, incident.Severity, incident.LeadName, incident.OpenedBy, incident.Status));
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(
            [(TimelineKinds.Opened, IncidentDatabase.AnaName, "Checkout failing"), (TimelineKinds.Note, IncidentDatabase.AnaName, "Rolled back 1.42."),
             (TimelineKinds.Resolved, IncidentDatabase.AnaName, "Bad release; rolled back."), (TimelineKinds.Reopened, IncidentDatabase.VicName, "")],
            detail.Timeline.Select(e => (e.Kind, e.Author!, e.Body)));
        Assert.Equal([T0, T0.AddMinutes(3), T0.AddMinutes(9), T0.AddMinutes(12)], detail.Timeline.Select(e => e.At));
        Assert.Null(await Store.GetAsync(id + 1000, default));
    }

    [Fact]
    public async Task ALinkedAlertsTransitions_AreRecordedOnce_FromItsEpisodeOn_AndOnlyWhileOpen()
    {
        var start = T0.AddMinutes(-5);
        await _db.AddTransitionAsync("fp-1", "HighErrorRate", start.AddHours(-2), "firing", start.AddHours(-2)); // an earlier episode
        await _db.AddTransitionAsync("fp-1", "HighErrorRate", start, "firing", start);
        await _db.AddTransitionAsync("fp-2", "RedisDown", start, "firing", start); // not linked
        var id = (await Store.OpenAsync(new NewIncident("HighErrorRate", "critical", null, new IncidentAlert("fp-1", "HighErrorRate", start)),
            IncidentDatabase.Ana, T0, default))!.Value;

        await _db.AddTransitionAsync("fp-1", "HighErrorRate", start, "silenced", T0.AddMinutes(1), "s-1");
        await _db.AddTransitionAsync("fp-1", "HighErrorRate", start, "resolved", T0.AddMinutes(4));
        Assert.Equal(2, await Store.RecordAlertTransitionsAsync(default));
        Assert.Equal(0, await Store.RecordAlertTransitionsAsync(default));

        var detail = (await Store.GetAsync(id, default))!;
        Assert.Equal(IncidentDatabase.AnaName, detail.Incident.LeadName);
        Assert.Equal(new IncidentAlert("fp-1", "HighErrorRate", start), Assert.Single(detail.Alerts));
        Assert.Equal(
            [(TimelineKinds.AlertFiring, start), (TimelineKinds.Opened, T0), (TimelineKinds.AlertSilenced, T0.AddMinutes(1)), (TimelineKinds.AlertResolved, T0.AddMinutes(4))],
            detail.Timeline.Select(e => (e.Kind, e.At)));
        Assert.All(detail.Timeline.Where(e => e.Kind != TimelineKinds.Opened), e => Assert.Equal(("HighErrorRate", null), (e.Body, e.Author)));

        // Resolved: nothing more is recorded.
        Assert.True(await Store.ResolveAsync(id, "fixed", null, IncidentDatabase.Ana, T0.AddMinutes(5), default));
        await _db.AddTransitionAsync("fp-1", "HighErrorRate", T0.AddMinutes(6), "firing", T0.AddMinutes(6));
        Assert.Equal(0, await Store.RecordAlertTransitionsAsync(default));
    }

    [Fact]
    public async Task ScaleEvents_GoToTheIncidentsOpenAtTheirTime_Once()
    {
        var early = (await Store.OpenAsync(new NewIncident("Slow pages", "warning", IncidentDatabase.AnaId), IncidentDatabase.Ana, T0.AddMinutes(-30), default))!.Value;
        var late = (await Store.OpenAsync(new NewIncident("Errors", "critical", IncidentDatabase.AnaId), IncidentDatabase.Ana, T0, default))!.Value;
        ScaleEvent[] events = [new(T0.AddMinutes(2), 12, 15), new(T0.AddMinutes(-10), 10, 12)];

        Assert.Equal(3, await Store.RecordScaleEventsAsync(events, default));
        Assert.Equal(0, await Store.RecordScaleEventsAsync(events, default));

        Assert.Equal(["10→12", "12→15"], (await Store.GetAsync(early, default))!.Timeline.Where(e => e.Kind == TimelineKinds.Scale).Select(e => e.Body));
        Assert.Equal(["12→15"], (await Store.GetAsync(late, default))!.Timeline.Where(e => e.Kind == TimelineKinds.Scale).Select(e => e.Body));
    }

    [Fact]
    public async Task Summary_CountsOpenAndPostMortemsDue_AndTheMeanTimeToResolveOverThirtyDays()
    {
        Assert.Equal(new IncidentSummary(T0, 0, 0, 0, null), await Store.GetSummaryAsync(T0, default));
        await OpenResolvedAsync(T0.AddDays(-40), TimeSpan.FromHours(5), null); // outside the 30 days, post-mortem still due
        await OpenResolvedAsync(T0.AddDays(-2), TimeSpan.FromMinutes(4), "https://wiki.example/pm/1");
        await OpenResolvedAsync(T0.AddHours(-3), TimeSpan.FromMinutes(10), null);
        await Store.OpenAsync(new NewIncident("Still open", "info", IncidentDatabase.AnaId), IncidentDatabase.Ana, T0.AddMinutes(-1), default);

        var summary = await Store.GetSummaryAsync(T0, default);

        Assert.Equal(new IncidentSummary(T0, Open: 1, PostMortemsDue: 2, ResolvedInWindow: 2, MeanTimeToResolve: TimeSpan.FromMinutes(7)), summary);
    }

    [Fact]
    public async Task TwoPeopleOpeningFromOneAlertAtOnce_OpenOneIncident_AndTheOtherIsToldWhichOne()
    {
        var alert = new IncidentAlert("fp-1", "HighErrorRate", T0);
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Opened: await Store.OpenAsync(new NewIncident("HighErrorRate", "critical", null, alert), IncidentDatabase.Ana, T0, default), Existing: (long?)null);
            }
            catch (IncidentAlreadyOpenException already)
            {
                return (Opened: (long?)null, Existing: (long?)already.Id);
            }
        })).ToList();
        var results = await Task.WhenAll(attempts);

        var opened = Assert.Single(results, r => r.Opened is not null).Opened;
        Assert.All(results.Where(r => r.Opened is null), r => Assert.Equal(opened, r.Existing));
        Assert.Equal(opened, await Store.FindOpenForAlertAsync("fp-1", default));

        // Once it is resolved, the alert may open a new one.
        Assert.True(await Store.ResolveAsync(opened!.Value, "fixed", null, IncidentDatabase.Ana, T0.AddMinutes(3), default));
        Assert.NotNull(await Store.OpenAsync(new NewIncident("HighErrorRate", "critical", null, alert), IncidentDatabase.Ana, T0.AddMinutes(4), default));
    }

    [Fact]
    public async Task TheSummary_SaysWhichAlertsAnOpenIncidentIsLinkedTo_UntilItIsResolved()
    {
        var id = (await Store.OpenAsync(new NewIncident("HighErrorRate", "critical", null, new IncidentAlert("fp-1", "HighErrorRate", T0)),
            IncidentDatabase.Ana, T0, default))!.Value;
        await Store.OpenAsync(new NewIncident("By hand", "info", IncidentDatabase.AnaId), IncidentDatabase.Ana, T0, default);

        var open = await Store.GetSummaryAsync(T0, default);
        Assert.Equal([new OpenIncidentLink("fp-1", id)], open.OpenLinks);
        Assert.Equal(((long?)id, (long?)null), (open.OpenIncidentOf("fp-1"), open.OpenIncidentOf("fp-2")));
        Assert.Equal(id, await Store.FindOpenForAlertAsync("fp-1", default));

        Assert.True(await Store.ResolveAsync(id, "fixed", null, IncidentDatabase.Ana, T0.AddMinutes(3), default));
        Assert.Empty((await Store.GetSummaryAsync(T0.AddMinutes(3), default)).OpenLinks);
        Assert.Null(await Store.FindOpenForAlertAsync("fp-1", default));
    }

    [Fact]
    public async Task TimelineRows_CannotBeChangedOrDeleted_EvenByTheSchemasOwner()
    {
        var id = (await Store.OpenAsync(new NewIncident("Immutable", "info", IncidentDatabase.AnaId), IncidentDatabase.Ana, T0, default))!.Value;

        await using var update = _db.DataSource.CreateCommand("UPDATE dashboard.incident_timeline SET body = 'rewritten'");
        await using var delete = _db.DataSource.CreateCommand("DELETE FROM dashboard.incident_timeline");
        var updateRefused = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        var deleteRefused = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());

        Assert.StartsWith("incident timeline rows are immutable", updateRefused.MessageText, StringComparison.Ordinal);
        Assert.StartsWith("incident timeline rows are immutable", deleteRefused.MessageText, StringComparison.Ordinal);
        Assert.Equal("Immutable", Assert.Single((await Store.GetAsync(id, default))!.Timeline).Body);
        var badLink = await Assert.ThrowsAsync<ArgumentException>(() => Store.ResolveAsync(id, "x", "javascript:alert(1)", IncidentDatabase.Ana, T0, default));
        Assert.Equal("postMortemUrl", badLink.ParamName);
    }

    private async Task OpenResolvedAsync(DateTimeOffset openedAt, TimeSpan took, string? postMortem)
    {
        var id = (await Store.OpenAsync(new NewIncident("Past", "warning", IncidentDatabase.AnaId), IncidentDatabase.Ana, openedAt, default))!.Value;
        Assert.True(await Store.ResolveAsync(id, "done", postMortem, IncidentDatabase.Ana, openedAt + took, default));
    }
}
