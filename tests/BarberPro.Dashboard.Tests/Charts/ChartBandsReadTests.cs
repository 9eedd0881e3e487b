using System.Diagnostics;
using System.Text.Json;
using BarberPro.Core.Alerts;
using BarberPro.Core.Charts;
using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Dashboard.Tests.Incidents;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Charts;

/// <summary>
/// The bands' read is shared: on the real PostgreSQL, with an alert's firing period and an open incident stored, forty
/// chart grids over all five ranges draw both bands from one read of the database, and their next points take them from
/// that same read; a change (a new incident figure) makes exactly one more read, for all of them.
/// </summary>
public sealed class ChartBandsReadTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ChartTestHost.Now;

    private readonly IncidentDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task FortyGridsOverEveryRange_DrawTheBandsFromOneSharedRead()
    {
        var history = new AlertHistoryStore(_db.DataSource);
        var labels = new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["severity"] = "critical" };
        var start = Now.AddMinutes(-20);
        AlertTransition T(AlertTransitionState state, DateTimeOffset at) =>
            new(AlertFingerprint.Of(labels), "HighErrorRate", "critical", labels, new Dictionary<string, string>(), start, state, "", at,
                state == AlertTransitionState.Resolved ? at - start : null);
        await history.RecordAsync([T(AlertTransitionState.Firing, start), T(AlertTransitionState.Resolved, Now.AddMinutes(-10))], default);
        var id = await _db.Store.OpenAsync(new NewIncident("Checkout errors", "critical", IncidentDatabase.AnaId), IncidentDatabase.Ana, Now.AddMinutes(-15), default);

        var summaries = new IncidentSummaryStore();
        var events = new ChartEventStore(history, new AlertInboxStore(), _db.Store, summaries, new ManualTimeProvider(Now), new TestLogger<ChartEventStore>());
        await events.StartAsync(default);
        try
        {
            await UntilAsync(() => events.Reads == 1 && events.Current.Version == 1);
            using var host = new ChartTestHost(events: events);
            var ranges = RangeStep.StandardRanges.Keys.ToArray();
            var grids = Enumerable.Range(0, 40).Select(i => host.RenderGrid(ranges[i % ranges.Length])).ToList();
            host.Module.WaitForCalls("draw", 160, TimeSpan.FromSeconds(30));

            var expected = new[] { "✖ Critical: HighErrorRate firing 11:55–12:05 ART", $"Incident #{id} Checkout errors open since 12:00 ART" };
            foreach (var call in host.Module.Invocations["draw"])
            {
                var options = JsonDocument.Parse((string)call.Arguments[1]!).RootElement;
                Assert.Equal(expected, options.GetProperty("annotations").GetProperty("xaxis").EnumerateArray()
                    .Where(x => x.TryGetProperty("x2", out _)).Select(x => x.GetProperty("label").GetProperty("text").GetString()));
            }

            // The next point of every grid (a quarter of an hour on: the next step of every range) reads nothing either.
            host.Time.Set(Now.AddMinutes(15));
            host.Store.Publish(new LiveSnapshot(2, Now.AddMinutes(15), TimeSpan.FromSeconds(5), []));
            host.Module.WaitForCalls("appendAll", 40, TimeSpan.FromSeconds(30));
            Assert.Equal(1, events.Reads);

            // Something the bands show changed: one more read, whatever the number of grids.
            summaries.Publish(new IncidentSummary(Now, 1, 0, 0, null));
            await UntilAsync(() => events.Reads == 2);
            Assert.Equal(1, events.Current.Version); // read again, found the same: no new version, nothing reshaped
            Assert.Equal(2, events.Reads);
        }
        finally
        {
            await events.StopAsync(default);
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        var started = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), "The condition did not hold within 30 s.");
            await Task.Delay(20);
        }
    }
}
