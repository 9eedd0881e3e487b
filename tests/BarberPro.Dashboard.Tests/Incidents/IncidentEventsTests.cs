using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Tests.Incidents;

/// <summary>
/// Two dashboard instances on one real PostgreSQL: a note written through one reaches the other's incident pages at once
/// (its NOTIFY, its listener, its recorder reading the summary again and telling the pages), not at the next poll.
/// </summary>
public sealed class IncidentEventsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly IncidentDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task ANoteWrittenThroughAnotherInstance_ReachesThisInstancesPages_WithoutWaitingForAPoll()
    {
        // The other instance is _db.Store. This one has its own store, summary, recorder and listener; its clock stands
        // still, so its recorder's poll never comes round by itself: only a notification can wake it.
        var clock = new ManualTimeProvider(T0);
        var store = new IncidentStore(_db.DataSource);
        var summaries = new IncidentSummaryStore();
        var recorder = new IncidentRecorder(store, summaries, new AlertInboxStore(), null, clock, Options.Create(new AlertsOptions()),
            NullLogger<IncidentRecorder>.Instance);
        var listener = new DatabaseEventListener(_db.DataSource, [new IncidentEventChannel(store, recorder)],
            new DatabaseOutage(clock, NullLogger<DatabaseOutage>.Instance), clock, NullLogger<DatabaseEventListener>.Instance);
        var id = (await _db.Store.OpenAsync(new NewIncident("Checkout failing", IncidentSeverities.Critical, IncidentDatabase.AnaId), IncidentDatabase.Ana, T0, default))!.Value;
        var firstRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var toldAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var told = 0;
        summaries.Changed += _ => (Interlocked.Increment(ref told) == 1 ? firstRead : toldAgain).TrySetResult();

        await listener.StartAsync(default);
        await recorder.StartAsync(default);
        try
        {
            await firstRead.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(toldAgain.Task.IsCompleted);

            Assert.True(await _db.Store.AddNoteAsync(id, "Written on the other instance.", IncidentDatabase.Ana, T0.AddMinutes(1), default));

            await toldAgain.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("Written on the other instance.", (await store.GetAsync(id, default))!.Timeline[^1].Body);
        }
        finally
        {
            await recorder.StopAsync(default);
            await listener.StopAsync(default);
            listener.Dispose();
            recorder.Dispose();
        }
    }
}
