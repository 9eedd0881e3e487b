using BarberPro.Core.Checklists;
using Npgsql;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>Runs, changes and the change log against the real PostgreSQL, through the app's own services.</summary>
public sealed partial class ChecklistStoreTests(ChecklistsFactory factory, ITestOutputHelper output) : IClassFixture<ChecklistsFactory>
{
    private static readonly ChecklistActor s_ana = new("ana-id", "ana@test.local");
    private static readonly ChecklistActor s_bruno = new("bruno-id", "bruno@test.local");

    [Fact]
    public async Task Seed_HoldsTheChecklistsOfTheSpec()
    {
        var templates = await factory.Templates.GetTemplatesAsync(CancellationToken.None);

        var daily = Assert.Single(templates, t => t.Id == "daily");
        Assert.Equal(
            ["Morning Health Check 09:00", "Performance Monitoring -", "Security Validation 14:00", "Evening Summary 18:00"],
            daily.Sections.Select(s => $"{s.Title} {s.DueTime?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
        Assert.Equal(
            ["Check system uptime and availability", "Review overnight alerts and incidents", "Validate backup completion",
             "Monitor resource utilization trends", "Check security scan results"],
            daily.Sections[0].Items.Select(i => i.Title));
        Assert.Equal(
            ["Monitor response times (<100ms target)", "Check error rates (<0.1% target)", "Validate auto-scaling behavior",
             "Monitor database performance", "Check CDN cache hit rates"],
            daily.Sections[1].Items.Select(i => i.Title));
        Assert.Equal(
            ["Review WAF blocked requests", "Check SSL certificate status", "Validate access logs for anomalies",
             "Monitor DDoS protection status", "Review security alerts"],
            daily.Sections[2].Items.Select(i => i.Title));
        Assert.Equal(
            ["Generate daily performance report", "Document any incidents or issues", "Plan tomorrow's maintenance windows",
             "Update capacity planning metrics", "Communicate status to stakeholders"],
            daily.Sections[3].Items.Select(i => i.Title));

        var weekly = Assert.Single(templates, t => t.Id == "weekly");
        Assert.Equal(["Planning Week 1", "Mid-week Review 3", "Week Wrap-up 5"], weekly.Sections.Select(s => $"{s.Title} {s.Weekday}"));
        Assert.Equal(
            ["Review weekly capacity planning", "Schedule maintenance windows", "Update change management calendar",
             "Review cost optimization opportunities"],
            weekly.Sections[0].Items.Select(i => i.Title));
        Assert.Equal(
            ["Analyze performance trends", "Review security posture", "Check disaster recovery readiness",
             "Validate monitoring coverage"],
            weekly.Sections[1].Items.Select(i => i.Title));
        Assert.Equal(
            ["Generate weekly performance report", "Review incident post-mortems", "Update documentation", "Plan weekend maintenance"],
            weekly.Sections[2].Items.Select(i => i.Title));

        var evidence = templates.SelectMany(t => t.Sections).SelectMany(s => s.Items).Where(i => i.EvidenceKey is not null)
            .ToDictionary(i => i.Key, i => i.EvidenceKey);
        Assert.Equal(ChecklistEvidenceKeys.Uptime, evidence["daily.morning.uptime"]);
        Assert.Equal(ChecklistEvidenceKeys.ResponseTime, evidence["daily.performance.response-times"]);
        Assert.Equal(ChecklistEvidenceKeys.ErrorRate, evidence["daily.performance.error-rates"]);
        Assert.Equal(ChecklistEvidenceKeys.AutoScaling, evidence["daily.performance.auto-scaling"]);
        Assert.Equal(ChecklistEvidenceKeys.Database, evidence["daily.performance.database"]);
        Assert.Equal(ChecklistEvidenceKeys.Backups, evidence["daily.morning.backups"]);
    }

    [Fact]
    public async Task GetCurrentRun_AcrossMidnight_RollsOverAtArgentinaMidnightNotUtc()
    {
        var day = new DateOnly(2031, 5, 14).AddDays(Random.Shared.Next(0, 1000));
        var utcMidnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        factory.Clock.Set(utcMidnight);
        var atUtcMidnight = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        factory.Clock.Set(utcMidnight.AddHours(3).AddSeconds(-1)); // 23:59:59 ART
        var justBefore = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        factory.Clock.Set(utcMidnight.AddHours(3)); // 00:00 ART
        var atArtMidnight = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);

        Assert.Equal(day.AddDays(-1), atUtcMidnight.Period.Start);
        Assert.Equal(atUtcMidnight.Id, justBefore.Id);
        Assert.Equal(day, atArtMidnight.Period.Start);
        Assert.NotEqual(justBefore.Id, atArtMidnight.Id);
        Assert.Equal(20, atArtMidnight.Total);
    }

    [Fact]
    public async Task GetCurrentRun_FromSundayNightToMondayArt_StartsANewWeeklyRun()
    {
        var monday = new DateOnly(2032, 3, 1).AddDays(7 * Random.Shared.Next(0, 200));
        Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);
        var mondayArt = new DateTimeOffset(monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(3);

        factory.Clock.Set(mondayArt.AddMinutes(-1)); // Sunday 23:59 ART, already Monday 02:59 UTC
        var sunday = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        factory.Clock.Set(mondayArt);
        var next = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);

        Assert.Equal(monday.AddDays(-7), sunday.Period.Start);
        Assert.Equal(monday, next.Period.Start);
        Assert.NotEqual(sunday.Id, next.Id);
        Assert.Equal(12, next.Total);
    }

    [Fact]
    public async Task EnsureRun_CalledConcurrently_CreatesOneRunWithOneSnapshot()
    {
        var period = ChecklistsFactory.UniqueDailyPeriod();

        var ids = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Task.Run(() => factory.Store.EnsureRunAsync(period, CancellationToken.None))));

        Assert.Single(ids.Distinct());
        Assert.Equal(20, await factory.ScalarAsync("SELECT count(*) FROM dashboard.checklist_run_items WHERE run_id = $1", ids[0]));
        Assert.Equal(1, await factory.ScalarAsync(
            "SELECT count(*) FROM dashboard.checklist_runs WHERE template_id = 'daily' AND period_start = $1", period.Start));
    }

    [Fact]
    public async Task Apply_RetriedWithTheSameKey_AppliesOnceAndAnswersReplayed()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        var request = new ChecklistChangeRequest(run.Id, "daily.morning.uptime", ChecklistChangeKind.Tick, 0, Guid.NewGuid());

        var first = await factory.Store.ApplyAsync(request, s_ana, CancellationToken.None);
        var retry = await factory.Store.ApplyAsync(request, s_ana, CancellationToken.None);

        Assert.Equal(ChecklistChangeOutcome.Applied, first.Outcome);
        Assert.Equal(ChecklistChangeOutcome.Replayed, retry.Outcome);
        Assert.Equal(1, retry.Item.Version);
        Assert.True(retry.Item.Ticked);
        var change = Assert.Single(await factory.ChangesAsync(run.Id));
        Assert.Equal(request.IdempotencyKey, change.IdempotencyKey);
        Assert.Equal(("tick", false, true, 0, 1), (change.Kind, change.FromTicked, change.ToTicked, change.FromVersion, change.ToVersion));
    }

    [Fact]
    public async Task Tick_SavesWhatTheItemsFigureReadOnItsChangeLogRow_AndAnUntickSavesNone()
    {
        var figure = new ChecklistEvidence("Availability 99.42 %", false, factory.Clock.GetUtcNow(), "≥ 99.9 %");
        await using var dataSource = NpgsqlDataSource.Create(factory.Database.ConnectionString);
        var store = new ChecklistStore(dataSource, factory.Clock, new FixedEvidence(ChecklistEvidenceKeys.Uptime, figure));
        var run = await store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);

        await store.ApplyAsync(new(run.Id, "daily.morning.uptime", ChecklistChangeKind.Tick, 0, Guid.NewGuid()), s_ana, CancellationToken.None);
        await store.ApplyAsync(new(run.Id, "daily.morning.uptime", ChecklistChangeKind.Untick, 1, Guid.NewGuid()), s_ana, CancellationToken.None);
        await store.ApplyAsync(new(run.Id, "daily.morning.overnight-alerts", ChecklistChangeKind.Tick, 0, Guid.NewGuid()), s_ana, CancellationToken.None);

        var changes = await factory.ChangesAsync(run.Id);
        Assert.Equal([figure, null, null], changes.Select(c => c.Evidence));
        Assert.Equal("Availability 99.42 %", await factory.TextAsync(
            "SELECT evidence->>'figure' FROM dashboard.checklist_changes WHERE run_id = $1 AND kind = 'tick' AND item_key = 'daily.morning.uptime'", run.Id));
    }

    [Fact]
    public async Task Apply_WithAKeyUsedForAnotherItem_IsRefused()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        var key = Guid.NewGuid();
        await factory.Store.ApplyAsync(new(run.Id, "daily.morning.uptime", ChecklistChangeKind.Tick, 0, key), s_ana, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ChecklistInputException>(() =>
            factory.Store.ApplyAsync(new(run.Id, "daily.morning.backups", ChecklistChangeKind.Tick, 0, key), s_ana, CancellationToken.None));

        Assert.Contains("idempotency key", ex.Message, StringComparison.Ordinal);
        Assert.Single(await factory.ChangesAsync(run.Id));
    }

    [Fact]
    public async Task Apply_WithAStaleVersion_WritesNothingAndReturnsTheCurrentState()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        factory.Clock.Set(new DateTimeOffset(2033, 7, 4, 13, 2, 0, TimeSpan.Zero)); // 10:02 ART
        await factory.Store.ApplyAsync(new(run.Id, "daily.security.ssl", ChecklistChangeKind.Tick, 0, Guid.NewGuid()), s_ana, CancellationToken.None);

        var stale = await factory.Store.ApplyAsync(
            new(run.Id, "daily.security.ssl", ChecklistChangeKind.Note, 0, Guid.NewGuid(), "looks fine"), s_bruno, CancellationToken.None);

        Assert.Equal(ChecklistChangeOutcome.Stale, stale.Outcome);
        Assert.True(stale.Item.Ticked);
        Assert.Equal(1, stale.Item.Version);
        Assert.Null(stale.Item.Note);
        Assert.Equal("ana@test.local ticked this at 10:02 ART meanwhile; this is the current state.", stale.Message);
        Assert.Single(await factory.ChangesAsync(run.Id));
    }

    [Fact]
    public async Task Apply_NoteLongerThanTheLimit_IsRefusedAndNothingIsStored()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<ChecklistInputException>(() => factory.Store.ApplyAsync(
            new(run.Id, "daily.evening.incidents", ChecklistChangeKind.Note, 0, Guid.NewGuid(), new string('x', ChecklistRules.MaxNoteLength + 1)),
            s_ana, CancellationToken.None));

        Assert.Contains("limit is 1000", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await factory.ChangesAsync(run.Id));
        var item = (await factory.Store.GetRunAsync(run.Id, CancellationToken.None))!.Sections.SelectMany(s => s.Items).Single(i => i.Key == "daily.evening.incidents");
        Assert.Equal((0, (string?)null), (item.Version, item.Note));
    }

    [Fact]
    public async Task Apply_NoteAtTheLimit_IsStoredAndAnEmptyNoteClearsIt()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        var note = new string('n', ChecklistRules.MaxNoteLength);

        var set = await factory.Store.ApplyAsync(new(run.Id, "daily.evening.incidents", ChecklistChangeKind.Note, 0, Guid.NewGuid(), note), s_ana, CancellationToken.None);
        var cleared = await factory.Store.ApplyAsync(new(run.Id, "daily.evening.incidents", ChecklistChangeKind.Note, 1, Guid.NewGuid(), "  "), s_ana, CancellationToken.None);

        Assert.Equal(note, set.Item.Note);
        Assert.Null(cleared.Item.Note);
        Assert.Equal(note, (await factory.ChangesAsync(run.Id))[1].FromNote);
    }

    [Fact]
    public async Task ChangeLog_RefusesUpdateAndDelete()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        await factory.Store.ApplyAsync(new(run.Id, "daily.morning.backups", ChecklistChangeKind.Tick, 0, Guid.NewGuid()), s_ana, CancellationToken.None);

        await Assert.ThrowsAsync<PostgresException>(() =>
            factory.ScalarAsync("UPDATE dashboard.checklist_changes SET actor_name = 'x' WHERE run_id = $1", run.Id));
        await Assert.ThrowsAsync<PostgresException>(() =>
            factory.ScalarAsync("DELETE FROM dashboard.checklist_changes WHERE run_id = $1", run.Id));
        Assert.Equal("ana@test.local", Assert.Single(await factory.ChangesAsync(run.Id)).ActorName);
    }

    [Fact]
    public async Task Apply_WhenTheDatabaseDoesNotAnswer_ThrowsUnavailable()
    {
        await using var dead = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=2");
        var store = new ChecklistStore(dead, factory.Clock);

        await Assert.ThrowsAsync<ChecklistUnavailableException>(() => store.ApplyAsync(
            new(1, "daily.morning.uptime", ChecklistChangeKind.Tick, 0, Guid.NewGuid()), s_ana, CancellationToken.None));
    }

    private sealed class FixedEvidence(string key, ChecklistEvidence evidence) : IChecklistEvidenceProvider
    {
        public ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyDictionary<string, ChecklistEvidence>>(
                evidenceKeys.Contains(key) ? new Dictionary<string, ChecklistEvidence> { [key] = evidence } : []);
    }
}
