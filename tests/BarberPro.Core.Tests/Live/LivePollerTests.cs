using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using BarberPro.Core.Text;

namespace BarberPro.Core.Tests.Live;

public sealed class LivePollerTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly LiveOptions _options = new() { PollInterval = TimeSpan.FromSeconds(5) };

    private (LivePoller Poller, LiveSnapshotStore Store) Create(params IPanelSource[] sources)
    {
        var store = new LiveSnapshotStore(Options.Create(_options));
        return (new LivePoller(sources, store, _time, Options.Create(_options), NullLogger<LivePoller>.Instance), store);
    }

    [Fact]
    public async Task PollOnce_PublishesOneVersionedSnapshotWithEveryPanel()
    {
        var a = new FakeSource("a", 1);
        var b = new FakeSource("b", 2);
        var (poller, store) = Create(a, b);

        var first = await poller.PollOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        var second = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Same(second, store.Current);
        Assert.Equal(["a", "b"], second.Panels.Select(p => p.Key));
        Assert.All(second.Panels, p => Assert.Equal(PanelStatus.Data, p.Status));
        Assert.Equal(_time.GetUtcNow(), second.Find("a")!.AsOf);
    }

    [Fact]
    public async Task AFailingSource_KeepsItsLastValue_MarkedStaleSinceTheFirstFailure_AndOthersStayCurrent()
    {
        var failing = new FakeSource("prom", 42);
        var healthy = new FakeSource("other", 7);
        var (poller, _) = Create(failing, healthy);
        await poller.PollOnceAsync(CancellationToken.None);
        var goodAt = _time.GetUtcNow();

        failing.Failure = new PrometheusException("connection refused");
        _time.Advance(TimeSpan.FromSeconds(5));
        var failedAt = _time.GetUtcNow();
        await poller.PollOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        var snapshot = await poller.PollOnceAsync(CancellationToken.None);

        var stale = snapshot.Find("prom")!;
        Assert.Equal(PanelStatus.Stale, stale.Status);
        Assert.Equal(failedAt, stale.StaleSince);
        Assert.Equal(goodAt, stale.AsOf);
        Assert.Equal(42, stale.Figures.Single().Value);
        Assert.Contains("connection refused", stale.Error, StringComparison.Ordinal);
        Assert.Equal(Level.Ok, stale.Level);
        Assert.Equal(PanelStatus.Data, snapshot.Find("other")!.Status);
    }

    [Fact]
    public async Task TheAlertingStatus_ReachesTheSnapshot_AndIsKeptWithTheLastValuesWhenTheSourceFails()
    {
        var alerting = AlertingStatus.Assess([], LiveOptions.DefaultExpectedAlertRules, _time.GetUtcNow());
        var source = new FakeSource("alerts", 0) { Alerting = alerting };
        var (poller, _) = Create(source);

        var first = (await poller.PollOnceAsync(CancellationToken.None)).Find("alerts")!;
        source.Failure = new PrometheusException("connection refused");
        _time.Advance(TimeSpan.FromSeconds(5));
        var stale = (await poller.PollOnceAsync(CancellationToken.None)).Find("alerts")!;

        Assert.Same(alerting, first.Alerting);
        Assert.Equal("No alerting rules loaded — alerts unknown", first.Alerting!.Notes[0]);
        Assert.Equal(PanelStatus.Stale, stale.Status);
        Assert.Same(alerting, stale.Alerting);
    }

    [Fact]
    public async Task ASourceThatNeverAnswered_IsAnError_WithNoFigures()
    {
        var source = new FakeSource("never", 1) { Failure = new PanelDataException("no series") };
        var (poller, _) = Create(source);

        var panel = (await poller.PollOnceAsync(CancellationToken.None)).Find("never")!;

        Assert.Equal(PanelStatus.Error, panel.Status);
        Assert.Empty(panel.Figures);
        Assert.Null(panel.AsOf);
        Assert.Equal("no series", panel.Error);
    }

    /// <summary>
    /// A Prometheus outage the client words (circuit open, timeout, unreachable) reaches the panel as its phrase, so each
    /// language's view says it in its own words; the English stays the message.
    /// </summary>
    [Fact]
    public async Task APrometheusOutage_ReachesThePanelAsItsPhrase()
    {
        var words = Phrase.Of("Live_PromCircuitOpen", "Prometheus failed repeatedly; the dashboard asks again in {0} s and shows the last readings meanwhile.", new Num(15, "0"));
        var source = new FakeSource("p", 1) { Failure = new PrometheusException(PrometheusErrorKind.CircuitOpen, words.English) { Words = words } };
        var (poller, _) = Create(source);

        var panel = (await poller.PollOnceAsync(CancellationToken.None)).Find("p")!;

        Assert.Same(words, panel.ErrorWords);
        Assert.Equal("Prometheus failed repeatedly; the dashboard asks again in 15 s and shows the last readings meanwhile.", panel.Error);
    }

    [Fact]
    public async Task AStalePanel_RecoversByItself_WhenTheSourceAnswersAgain()
    {
        var source = new FakeSource("p", 1);
        var (poller, _) = Create(source);
        await poller.PollOnceAsync(CancellationToken.None);
        source.Failure = new PrometheusException("down");
        await poller.PollOnceAsync(CancellationToken.None);
        source.Failure = null;
        source.Value = 3;
        _time.Advance(TimeSpan.FromSeconds(5));

        var panel = (await poller.PollOnceAsync(CancellationToken.None)).Find("p")!;

        Assert.Equal(PanelStatus.Data, panel.Status);
        Assert.Null(panel.StaleSince);
        Assert.Null(panel.Error);
        Assert.Equal(3, panel.Figures.Single().Value);
    }

    [Fact]
    public async Task ASourceThatHangs_TurnsStaleAfterThePanelTimeout_WithoutHoldingUpTheOthers()
    {
        var hanging = new FakeSource("slow", 5);
        var fast = new FakeSource("fast", 6);
        var (poller, _) = Create(hanging, fast);
        await poller.PollOnceAsync(CancellationToken.None);

        hanging.Hang = true;
        var poll = poller.PollOnceAsync(CancellationToken.None);
        await hanging.Started.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(poll.IsCompleted);
        _time.Advance(_options.EffectivePanelTimeout);
        var snapshot = await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(PanelStatus.Stale, snapshot.Find("slow")!.Status);
        Assert.Contains("No answer within 5 s", snapshot.Find("slow")!.Error, StringComparison.Ordinal);
        Assert.Equal(PanelStatus.Data, snapshot.Find("fast")!.Status);
    }

    [Fact]
    public async Task ASlowCadenceSource_IsReadOnlyWhenItsIntervalHasPassed()
    {
        var slow = new FakeSource("bookings", 1) { Every = TimeSpan.FromSeconds(30) };
        var (poller, _) = Create(slow);
        await poller.PollOnceAsync(CancellationToken.None);
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await poller.PollOnceAsync(CancellationToken.None);
        }
        Assert.Equal(1, slow.Reads);
        _time.Advance(TimeSpan.FromSeconds(5));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal(2, slow.Reads);
    }

    [Fact]
    public async Task Subscribers_GetEachSnapshot_UntilTheyDispose()
    {
        var (poller, store) = Create(new FakeSource("a", 1));
        var seen = new List<long>();
        var subscription = store.Subscribe(s => seen.Add(s.Version));
        await poller.PollOnceAsync(CancellationToken.None);
        await poller.PollOnceAsync(CancellationToken.None);
        subscription.Dispose();
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal([1L, 2L], seen);
    }

    private sealed class FakeSource(string key, double value) : IPanelSource
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key => key;

        public string Title => key.ToUpperInvariant();

        public TimeSpan? Every { get; init; }

        public TimeSpan? Interval => Every;

        public double Value { get; set; } = value;

        public Exception? Failure { get; set; }

        public AlertingStatus? Alerting { get; init; }

        public bool Hang { get; set; }

        public int Reads { get; private set; }

        public Task Started => _started.Task;

        public async Task<PanelReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            Reads++;
            if (Hang)
            {
                _started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            if (Failure is not null)
            {
                throw Failure;
            }
            return new PanelReading(now, [new Figure("v", "Value", Value, "n", Value.ToString(System.Globalization.CultureInfo.InvariantCulture), Level.Ok, null)], Alerting: Alerting);
        }
    }
}
