using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using Microsoft.Extensions.Options;
using BarberPro.Core.Text;

namespace BarberPro.Core.Tests.Live;

/// <summary>The display rules of the live screens: what a tile, the banner and the status chip say for a snapshot.</summary>
public sealed class LiveViewTests
{
    // 15:00:05 UTC is 12:00:05 in Argentina (UTC−3, no daylight saving).
    private static readonly DateTimeOffset s_at = new(2031, 3, 4, 15, 0, 5, TimeSpan.Zero);

    private readonly ManualTimeProvider _time = new(s_at);
    private readonly LiveOptions _options = new() { PollInterval = TimeSpan.FromSeconds(5) };

    internal static Figure Fig(string key, string label, Level level, string display = "1") =>
        new(key, label, 1, "n", display, level, "< 2");

    internal static PanelSnapshot Data(string key, string title, params Figure[] figures) =>
        new(key, title, PanelStatus.Data, s_at, null, null, figures, [], []);

    internal static LiveSnapshot Snapshot(long version, params PanelSnapshot[] panels) =>
        new(version, s_at, TimeSpan.FromSeconds(5), panels);

    [Fact]
    public void AllPanelsOk_SayAllSystemsNormal_WithTheOkWordAndIconOnEveryTile()
    {
        var view = LiveViewBuilder.Build(Snapshot(3,
            Data(PrometheusPanelSources.Latency, "Latency", Fig("p95", "p95", Level.Ok)),
            Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("redis", "Redis", Level.Ok, "up"))));

        Assert.Equal("All systems normal", view.Banner.Text);
        Assert.Equal(new StateView(Level.Ok, "Normal", "✓"), view.Worst);
        Assert.Equal("live", view.LiveText);
        Assert.All(view.Panels, p => Assert.Equal(("OK", "✓", "live", "as of 12:00:05"), (p.State.Word, p.State.Icon, p.StatusWord, p.AsOfText)));
        Assert.Equal(ChartKeys.Latency, view.Find(PrometheusPanelSources.Latency)!.ChartKey);
        Assert.Null(view.Find(PrometheusPanelSources.Dependencies)!.ChartKey);
    }

    [Fact]
    public void ACriticalPanel_MakesTheBannerSayDown_NamingThePanelItsFigureAndTheFiringCriticalAlert()
    {
        var alerts = Data(PrometheusPanelSources.Alerts, "Alerts", Fig("firing", "Firing", Level.Critical, "2"), Fig("pending", "Pending", Level.Ok, "0")) with
        {
            Alerts =
            [
                new AlertItem("RedisDown", "firing", "critical", "Redis is down", s_at.AddMinutes(-3)),
                new AlertItem("HighLatency", "firing", "warning", "p95 high", s_at),
            ],
        };
        var view = LiveViewBuilder.Build(Snapshot(4,
            Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("pg", "PostgreSQL", Level.Ok, "up"), Fig("redis", "Redis", Level.Critical, "down")),
            Data(PrometheusPanelSources.Latency, "Latency", Fig("p95", "p95", Level.Warning)),
            alerts));

        Assert.Equal("Down: Dependencies (Redis); RedisDown firing", view.Banner.Text);
        Assert.Equal(["Dependencies (Redis)", "RedisDown firing"], view.Banner.Reasons);
        Assert.Equal(new StateView(Level.Critical, "Down", "✖"), view.Worst);
        Assert.Equal(2, view.Firing);
        var redisAlert = view.Find(PrometheusPanelSources.Alerts)!.Alerts[0];
        Assert.Equal(("Critical", "since 11:57"), (redisAlert.Level.Word, redisAlert.SinceText));
        Assert.Equal("Warning", view.Find(PrometheusPanelSources.Alerts)!.Alerts[1].Level.Word);
    }

    [Fact]
    public void AWarningPanel_MakesTheBannerSayDegraded_NamingThePanelAndFigure()
    {
        var view = LiveViewBuilder.Build(Snapshot(5,
            Data(PrometheusPanelSources.Latency, "Latency", Fig("p95", "p95", Level.Warning), Fig("p99", "p99", Level.Warning), Fig("avg", "Average", Level.Ok)),
            Data(PrometheusPanelSources.Errors, "Errors", Fig("ratio", "5xx ratio", Level.Ok))));

        Assert.Equal("Degraded: Latency (p95, p99)", view.Banner.Text);
        Assert.Equal("Degraded", view.Worst.Word);
        Assert.Equal("▲", view.Worst.Icon);
        Assert.Null(view.Firing);
    }

    [Fact]
    public void AStalePanel_KeepsTheSeverityItLastHad_MarkedStaleSinceTheFirstFailure()
    {
        var redisDown = Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("redis", "Redis", Level.Critical, "down"))
            .Failed("connection refused", s_at.AddSeconds(10));

        var view = LiveViewBuilder.Build(Snapshot(6, redisDown));

        var panel = view.Panels.Single();
        Assert.Equal(PanelStatus.Stale, panel.Status);
        Assert.Equal(("Critical", "stale", "stale since 12:00:15", "as of 12:00:05"), (panel.State.Word, panel.StatusWord, panel.StaleSinceText, panel.AsOfText));
        Assert.Equal("Critical", panel.Figures.Single().State.Word);
        Assert.Equal("Down when last read (no reading since 12:00:15): Dependencies (Redis, stale)", view.Banner.Text);
    }

    [Fact]
    public void AStalePanelBesideACurrentOneAtTheSameLevel_LeavesTheStateARealReading()
    {
        var redisDown = Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("redis", "Redis", Level.Critical, "down"))
            .Failed("connection refused", s_at.AddSeconds(10));
        var errors = Data(PrometheusPanelSources.Errors, "Errors", Fig("ratio", "5xx ratio", Level.Critical));

        var view = LiveViewBuilder.Build(Snapshot(6, redisDown, errors));

        Assert.Equal("Down: Dependencies (Redis, stale); Errors (5xx ratio)", view.Banner.Text);
    }

    [Fact]
    public void APanelThatNeverAnswered_SaysNoData_AndMakesACalmPlatformUnknownRatherThanNormal()
    {
        var view = LiveViewBuilder.Build(Snapshot(1,
            Data(PrometheusPanelSources.Latency, "Latency", Fig("p95", "p95", Level.Ok)),
            PanelSnapshot.Pending(PrometheusPanelSources.Edge, "Edge latency").Failed("no series", s_at)));

        var edge = view.Find(PrometheusPanelSources.Edge)!;
        Assert.Equal(("no data", "Unknown", "no series"), (edge.StatusWord, edge.State.Word, edge.Error));
        Assert.Null(edge.AsOfText);
        Assert.Equal("Unknown: no data from Edge latency", view.Banner.Text);
        Assert.Equal("Unknown", view.Worst.Word);
    }

    [Fact]
    public void BeforeTheFirstSnapshot_TheViewWaits_AndSaysSoInWords()
    {
        var view = LiveViewBuilder.Build(LiveSnapshot.Empty(TimeSpan.FromSeconds(5)));

        Assert.Equal(("waiting for the first reading", "Waiting for the first reading of the panels", "Unknown"),
            (view.LiveText, view.Banner.Text, view.Worst.Word));
        Assert.Empty(view.Panels);
    }

    [Fact]
    public void TheFiringCount_IsUnknown_WhileAlertingItselfIsUnknown()
    {
        var alerting = AlertingStatus.Assess([], LiveOptions.DefaultExpectedAlertRules, s_at);
        var alerts = Data(PrometheusPanelSources.Alerts, "Alerts", Fig("firing", "Firing", Level.Unknown, "unknown")) with { Alerting = alerting };

        var view = LiveViewBuilder.Build(Snapshot(2, alerts));

        Assert.Null(view.Firing);
        var panel = view.Panels.Single();
        Assert.Equal(AlertingStatus.NoRulesText, panel.AlertingNotes[0]);
        Assert.Equal(AlertingState.Unknown, panel.AlertingState);
    }

    [Fact]
    public void TheScalingPanel_WritesItsEventsInArgentinaTime_OrSaysThereWereNone()
    {
        var scaling = Data(PrometheusPanelSources.Scaling, "Scaling", Fig("pods", "Pods", Level.Ok)) with
        {
            ScaleEvents = [new ScaleEvent(s_at.AddMinutes(-10), 12, 15)],
        };
        var calm = Data(PrometheusPanelSources.Scaling, "Scaling", Fig("pods", "Pods", Level.Ok));

        Assert.Equal(["11:50 · 12 → 15 pods"], LiveViewBuilder.Panel(scaling).ScaleEventsText);
        Assert.Equal("No scaling in the last hour.", LiveViewBuilder.Panel(calm).EmptyText);
    }

    [Fact]
    public void TheViewStore_RepublishesTheViewStalled_AfterTwoPollIntervalsWithoutASnapshot_ThenLiveAgain()
    {
        var snapshots = new LiveSnapshotStore(Options.Create(_options));
        using var store = new LiveViewStore(snapshots, _time, Options.Create(_options));
        var seen = new List<LiveView>();
        using var subscription = store.Subscribe(seen.Add);
        snapshots.Publish(Snapshot(7, Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("redis", "Redis", Level.Critical, "down"))));

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(store.Current.Stalled);
        _time.Advance(TimeSpan.FromSeconds(5));

        var stalled = store.Current;
        Assert.True(stalled.Stalled);
        Assert.Equal("stalled — no update from the server since 12:00:05", stalled.LiveText);
        var panel = stalled.Panels.Single();
        Assert.Equal((PanelStatus.Stale, "Critical", "stale since 12:00:05"), (panel.Status, panel.State.Word, panel.StaleSinceText));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, seen.Count);

        snapshots.Publish(Snapshot(8, Data(PrometheusPanelSources.Dependencies, "Dependencies", Fig("redis", "Redis", Level.Ok, "up"))));
        Assert.Equal(("live", false, 8L), (store.Current.LiveText, store.Current.Stalled, store.Current.Version));
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void TheViewStore_ComputesOneViewPerSnapshot_SharedByEverySubscriber()
    {
        var snapshots = new LiveSnapshotStore(Options.Create(_options));
        using var store = new LiveViewStore(snapshots, _time, Options.Create(_options));
        var first = new List<LiveView>();
        var second = new List<LiveView>();
        using var a = store.Subscribe(first.Add);
        var b = store.Subscribe(second.Add);

        snapshots.Publish(Snapshot(1, Data(PrometheusPanelSources.Latency, "Latency", Fig("p95", "p95", Level.Ok))));
        b.Dispose();
        snapshots.Publish(Snapshot(2, Data(PrometheusPanelSources.Latency, "Latency", Fig("p95", "p95", Level.Ok))));

        Assert.Same(first[0], second.Single());
        Assert.Equal([1L, 2L], first.Select(v => v.Version));
        Assert.Same(first[1], store.Current);
    }

    /// <summary>A second language: one more view per snapshot, shared by all its subscribers, never one per subscriber.</summary>
    [Fact]
    public void TheViewStore_BuildsOneViewPerSnapshotAndLanguage_HoweverManySubscribers()
    {
        var snapshots = new LiveSnapshotStore(Options.Create(_options));
        using var store = new LiveViewStore(snapshots, _time, Options.Create(_options), [new Spanish()]);
        var spanish = Enumerable.Range(0, 50).Select(_ => new List<LiveView>()).ToList();
        var english = Enumerable.Range(0, 50).Select(_ => new List<LiveView>()).ToList();
        var subscriptions = spanish.Select(seen => store.Subscribe(seen.Add, "es-AR"))
            .Concat(english.Select(seen => store.Subscribe(seen.Add))).ToList();
        var builtBefore = store.ViewsBuilt;

        snapshots.Publish(Snapshot(1, Data(PrometheusPanelSources.Dependencies, "Dependencies",
            Figure.Said("redis", Phrase.Text("Redis"), 0, "up", Says.UpDown(0), Level.Critical, Says.UpDown(1)),
            Figure.Said("rate", Phrase.Of("Live_Fig_RequestsNow", "Requests/s now"), 1234.5, "usd", Says.Usd(1234.5), Level.Ok, null))));
        subscriptions.ForEach(s => s.Dispose());

        Assert.Equal(2, store.ViewsBuilt - builtBefore);
        Assert.All(spanish, seen => Assert.Same(store.CurrentIn("es-AR"), seen.Single()));
        Assert.All(english, seen => Assert.Same(store.Current, seen.Single()));
        var view = store.CurrentIn("es-AR");
        Assert.Equal(("es-AR", "Caído", "Caído: Dependencias (Redis)"), (view.Language, view.Worst.Word, view.Banner.Text));
        var figures = view.Panels.Single().Figures;
        Assert.Equal(("caído", "activo"), (figures[0].Display, figures[0].Target));
        Assert.Equal(("Solicitudes/s ahora", "US$ 1.234,50"), (figures[1].Label, figures[1].Display));
        Assert.Equal("a las 12:00:05", view.Panels.Single().AsOfText);
        Assert.Equal(("Down: Dependencies (Redis)", "US$ 1,234.50"), (store.Current.Banner.Text, store.Current.Panels.Single().Figures[1].Display));
        Assert.Same(store.Current, store.CurrentIn("fr"));
    }

    /// <summary>A few Spanish words, as the dashboard's resources give them.</summary>
    private sealed class Spanish : ILiveWords
    {
        private static readonly Dictionary<string, string> s_words = new(StringComparer.Ordinal)
        {
            ["Live_State_Down"] = "Caído",
            ["Live_Tile_Critical"] = "Crítico",
            ["Live_Panel_dependencies"] = "Dependencias",
            ["Live_Down"] = "caído",
            ["Live_Up"] = "activo",
            ["Live_AsOf"] = "a las {0}",
            ["Live_Fig_RequestsNow"] = "Solicitudes/s ahora",
        };

        public string Language => "es-AR";

        public System.Globalization.CultureInfo Culture { get; } = System.Globalization.CultureInfo.GetCultureInfo("es-AR");

        public string? Template(string key) => s_words.GetValueOrDefault(key);
    }
}
