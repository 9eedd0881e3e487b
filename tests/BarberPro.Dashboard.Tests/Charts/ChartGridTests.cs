using System.Text.Json;
using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Tests.Infrastructure;
using Bunit;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Tests.Charts;

/// <summary>The chart grid with bUnit: what the module is handed, live points, the shared cache, PromQL by role.</summary>
public sealed class ChartGridTests : IDisposable
{
    private const long ThreeHoursMs = 3 * 3600 * 1000;

    private readonly ChartTestHost _host = new();

    /// <summary>A scale event and a firing alert ten minutes ago (12:05 ART), inside every range.</summary>
    private static readonly DateTimeOffset EventAt = ChartTestHost.Now.AddMinutes(-10);

    [Fact]
    public void TheModuleDrawsTheWholeWindow_OnePointPerStep_NullsKept_InArgentinaTime()
    {
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grid = _host.RenderGrid("1h");

        _host.Module.WaitForCalls("draw", 4);
        var latency = _host.Drawn(ChartKeys.Latency);
        var window = _host.Catalog.RangeWindow(ChartTestHost.Now, TimeSpan.FromHours(1));

        // One hour at a 15 s step: 241 points per line, both ends included; every other one missing, kept as null.
        var series = latency.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(["average", "p95", "p99"], series.Select(s => s.GetProperty("name").GetString()));
        foreach (var line in series)
        {
            var data = line.GetProperty("data").EnumerateArray().ToList();
            Assert.Equal(241, data.Count);
            Assert.Equal(window.PointCount, data.Count);
            Assert.Equal(12.3, data[0][1].GetDouble());
            Assert.Equal(JsonValueKind.Null, data[1][1].ValueKind);
            Assert.Equal(120, data.Count(p => p[1].ValueKind == JsonValueKind.Null));
            Assert.Equal(window.Start.ToUnixTimeMilliseconds() - ThreeHoursMs, data[0][0].GetInt64());
            Assert.Equal(window.End.ToUnixTimeMilliseconds() - ThreeHoursMs, data[^1][0].GetInt64());
        }

        // The axis spans the whole window in ART (UTC-3, labelled as UTC so the browser's zone never applies), with units.
        var xaxis = latency.GetProperty("xaxis");
        Assert.Equal(ChartTestHost.Now.AddHours(-1).ToUnixTimeMilliseconds() - ThreeHoursMs, xaxis.GetProperty("min").GetInt64());
        Assert.Equal(ChartTestHost.Now.ToUnixTimeMilliseconds() - ThreeHoursMs, xaxis.GetProperty("max").GetInt64());
        Assert.True(xaxis.GetProperty("labels").GetProperty("datetimeUTC").GetBoolean());
        Assert.Equal("datetime", xaxis.GetProperty("type").GetString());
        Assert.Equal("ms", latency.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(latency.GetProperty("chart").GetProperty("animations").GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain(":null", latency.GetRawText().Replace("[", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal(1.23, _host.Drawn(ChartKeys.Errors).GetProperty("series")[0].GetProperty("data")[0][1].GetDouble());
        Assert.Equal("%", _host.Drawn(ChartKeys.Errors).GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    /// <summary>Under es-AR: the cards' words, the axes, the lines, the thresholds and the marks in Spanish, numbers the
    /// Argentine way, and ApexCharts' own month and day names in Spanish (its "es" locale, served by the dashboard).</summary>
    [Fact]
    public void InSpanish_TheChartsReadSpanish_WithArgentineNumbers_AndApexChartsSpanishLocale()
    {
        using var culture = CultureScope.Use("es-AR");
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grid = _host.RenderGrid("6h");
        _host.Module.WaitForCalls("draw", 4);

        Assert.Equal(["Solicitudes/s (rps)", "Latencia (ms)", "Proporción de 5xx (%)", "Pods (pods)"], grid.FindAll("h3").Select(h => h.TextContent));
        Assert.Equal("últimos 6h · ART", grid.Find("[data-chart-card=latency] .chart-card__range").TextContent);
        var latency = _host.Drawn(ChartKeys.Latency);
        Assert.Equal("es", latency.GetProperty("chart").GetProperty("defaultLocale").GetString());
        Assert.Equal("Hora de Argentina (ART)", latency.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(["promedio", "p95", "p99"], latency.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("objetivo p99 250 ms", YLines(ChartKeys.Latency)[1].Label);
        Assert.Equal(["sostenido 8.500 rps", "pico 12.000 rps", "80 % de la capacidad con el HPA al máximo"],
            YLines(ChartKeys.Throughput).Select(y => y.Label));
        var artMs = EventAt.ToUnixTimeMilliseconds() - ThreeHoursMs;
        Assert.Equal([(artMs, "pods 3 → 5 · 12:05 ART"), (artMs, "HighErrorRate disparada · activa desde las 12:05 ART")], XLines(ChartKeys.Pods));
        Assert.Equal([], Localization.EnglishWords.In(grid.Find("[data-chart-grid]").TextContent));
    }

    [Fact]
    public void ThresholdsAreLines_AndScaleEventsAndFiringAlertsAreAnnotatedInArgentinaTime()
    {
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grid = _host.RenderGrid("6h");
        _host.Module.WaitForCalls("draw", 4);

        // The average and p95 targets are both 100 ms: one line, one label naming both (two would cover each other).
        Assert.Equal([(100.0, "average target 100 ms · p95 target 100 ms"), (250.0, "p99 target 250 ms")], YLines(ChartKeys.Latency));
        Assert.Equal([0.1, 1.0], YLines(ChartKeys.Errors).Select(y => y.Value));
        // Sustained and peak from the options; 80 % of the capacity at HPA max (2,000 rps) from the snapshot.
        Assert.Equal([8500.0, 12000.0, 1600.0], YLines(ChartKeys.Throughput).Select(y => y.Value));
        Assert.Equal([8.0], YLines(ChartKeys.Pods).Select(y => y.Value));

        var artMs = EventAt.ToUnixTimeMilliseconds() - ThreeHoursMs;
        var pods = XLines(ChartKeys.Pods);
        Assert.Equal([(artMs, "pods 3 → 5 · 12:05 ART"), (artMs, "HighErrorRate firing · active since 12:05 ART")], pods);
        // Scale events belong to the pods and throughput charts; a firing alert is marked on every chart.
        Assert.Equal([(artMs, "HighErrorRate firing · active since 12:05 ART")], XLines(ChartKeys.Latency));
        Assert.Equal(2, XLines(ChartKeys.Throughput).Count);
    }

    [Fact]
    public void Bands_ReachTheModuleAndTheChartsDescription_AndAWindowPlannedBetweenTwoPoints_IsSentWithoutThePoints()
    {
        var firing = new ChartEvent(ChartEventKind.Firing, EventAt.AddMinutes(-20), EventAt, "HighErrorRate", "critical");
        _host.Events.Publish([firing], ChartTestHost.Now);
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grid = _host.RenderGrid("1h");
        _host.Module.WaitForCalls("draw", 4);

        var from = EventAt.AddMinutes(-20).ToUnixTimeMilliseconds() - ThreeHoursMs;
        var to = EventAt.ToUnixTimeMilliseconds() - ThreeHoursMs;
        foreach (var chart in ChartCatalog.Charts.Keys)
        {
            Assert.Equal([(from, to, "✖ Critical: HighErrorRate firing 11:45–12:05 ART")], Bands(_host.Drawn(chart)));
        }
        Assert.Equal("chart-marks-latency", grid.Find("[data-apex-chart=latency]").GetAttribute("aria-describedby"));
        Assert.Equal("Marked on the chart: ✖ Critical: HighErrorRate firing 11:45–12:05 ART.", grid.Find("#chart-marks-latency").TextContent);

        // A window planned now: the next snapshot, still inside the same 15 s step, sends every chart its annotations alone
        // (no point, the axis not moved), in one call; no range query.
        var queries = _host.Prometheus.RangeQueries.Count;
        var window = new ChartEvent(ChartEventKind.Maintenance, ChartTestHost.Now.AddMinutes(-1), ChartTestHost.Now.AddHours(1), "database upgrade", "");
        _host.Events.Publish([firing, window], ChartTestHost.Now);
        var next = ChartTestHost.Now.AddSeconds(5);
        _host.Time.Set(next);
        _host.Store.Publish(Snapshot(next));

        _host.Module.WaitForCalls("appendAll", 1);
        var changes = _host.Appends();
        Assert.Equal(4, changes.Count);
        Assert.All(changes, change =>
        {
            Assert.False(change.TryGetProperty("points", out _));
            Assert.False(change.TryGetProperty("min", out _));
            Assert.Equal(
            [
                (from, to, "✖ Critical: HighErrorRate firing 11:45–12:05 ART"),
                (ChartTestHost.Now.AddMinutes(-1).ToUnixTimeMilliseconds() - ThreeHoursMs, ChartTestHost.Now.ToUnixTimeMilliseconds() - ThreeHoursMs,
                    "Maintenance: database upgrade 12:14–13:15 ART"),
            ], Bands(change));
        });
        Assert.Equal(queries, _host.Prometheus.RangeQueries.Count);
        grid.WaitForAssertion(() => Assert.EndsWith("; Maintenance: database upgrade 12:14–13:15 ART.",
            grid.Find("#chart-marks-pods").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void ANewSnapshot_AppendsAPointPerLine_WithoutAnotherRangeQuery_AtMostOnePerStep()
    {
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grid = _host.RenderGrid("15m");
        _host.Module.WaitForCalls("draw", 4);
        var queries = _host.Prometheus.RangeQueries.Count;
        Assert.Equal(8, queries);

        var next = ChartTestHost.Now.AddSeconds(20);
        _host.Time.Set(next);
        _host.Store.Publish(Snapshot(next, p95: 180));
        _host.Module.WaitForCalls("appendAll", 1); // one call to the browser for the four charts
        Assert.Equal(4, _host.Appends().Count);

        var latency = _host.Appends().Single(a => a.GetProperty("points").GetArrayLength() == 3
            && a.GetProperty("points")[1][1].GetDouble() == 180);
        var x = next.ToUnixTimeMilliseconds() - ThreeHoursMs;
        Assert.Equal([x, x, x], latency.GetProperty("points").EnumerateArray().Select(p => p[0].GetInt64()));
        Assert.Equal([42.0, 180.0, 240.0], latency.GetProperty("points").EnumerateArray().Select(p => p[1].GetDouble()));
        Assert.Equal(x - (15 * 60 * 1000), latency.GetProperty("min").GetInt64());
        Assert.Equal(x, latency.GetProperty("max").GetInt64());
        Assert.Equal(queries, _host.Prometheus.RangeQueries.Count);

        // Another snapshot inside the same 15 s step adds nothing; the next step's does, with a gap for a stale panel.
        _host.Store.Publish(Snapshot(next.AddSeconds(5)));
        var later = next.AddSeconds(15);
        _host.Store.Publish(Snapshot(later, errorsStaleSince: next.AddSeconds(10)));
        _host.Module.WaitForCalls("appendAll", 2);
        Assert.Equal(8, _host.Appends().Count);
        var errors = _host.Appends().Last(a => a.GetProperty("points").GetArrayLength() == 1
            && a.GetProperty("points")[0][0].GetInt64() == later.ToUnixTimeMilliseconds() - ThreeHoursMs
            && a.GetProperty("points")[0][1].ValueKind == JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, errors.GetProperty("points")[0][1].ValueKind);
        Assert.Equal(queries, _host.Prometheus.RangeQueries.Count);

        // The stale panel is said in words on its card, never drawn as zero.
        grid.WaitForAssertion(() => Assert.Equal(
            "Stale since 12:15 ART: the source stopped answering (timeout); the chart stops at its last values.",
            grid.Find("[data-chart-card=errors] [data-chart-note]").TextContent));
    }

    [Fact]
    public void ASnapshot_IsShapedOncePerChart_ForFiftyGrids()
    {
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grids = Enumerable.Range(0, 50).Select(_ => _host.RenderGrid("15m")).ToList();
        _host.Module.WaitForCalls("draw", 200, TimeSpan.FromSeconds(20));
        var shaped = _host.Frames.Shaped;

        var next = ChartTestHost.Now.AddSeconds(20);
        _host.Time.Set(next);
        _host.Store.Publish(Snapshot(next, p95: 180));

        _host.Module.WaitForCalls("appendAll", 50, TimeSpan.FromSeconds(20));
        Assert.Equal(200, _host.Appends().Count);
        Assert.Equal(4, _host.Frames.Shaped - shaped); // four charts, one range: shaped once, not once per grid
        Assert.Equal(50, _host.Appends().Count(a => a.GetProperty("points").GetArrayLength() == 3
            && a.GetProperty("points")[1][1].GetDouble() == 180));
    }

    [Fact]
    public void AHundredGridsRenderedAtOnce_CauseOneRangeQueryPerLine()
    {
        _host.Prometheus.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var grids = Enumerable.Range(0, 100).Select(_ => _host.RenderGrid("7d")).ToList();
        Assert.Empty(_host.Module.Invocations["draw"]);

        _host.Prometheus.Release.SetResult();
        _host.Module.WaitForCalls("draw", 400, TimeSpan.FromSeconds(20));

        var queries = _host.Prometheus.RangeQueries;
        Assert.Equal(8, queries.Count);
        Assert.All(queries, q => Assert.Equal("900", q["step"]));
        Assert.Single(queries, q => q["query"] == _host.Catalog.Render(PanelQueryKeys.RequestsPerSecond,
            new PanelQueryArguments { Rate = TimeSpan.FromSeconds(915), Window = TimeSpan.FromSeconds(915) }));
    }

    [Fact]
    public void PrometheusFailing_TheCardsSaySoInWords_DrawNothing_AndRecoverByThemselves()
    {
        _host.Prometheus.Refuse = true;
        var grid = _host.RenderGrid("1h");

        grid.WaitForAssertion(() => Assert.Equal(4, grid.FindAll("[data-chart-note][data-state=error]").Count));
        Assert.StartsWith("No data for the last 1h: Prometheus could not answer the range query",
            grid.Find("[data-chart-card=latency] [data-chart-note]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_host.Module.Invocations["draw"]);
        Assert.All(grid.FindAll(".chart-card__plot"), plot => Assert.True(plot.HasAttribute("hidden")));

        // Prometheus answers again: after the retry delay, the next snapshot with current panels draws the charts.
        _host.Prometheus.Refuse = false;
        _host.Time.Advance(ChartGrid.RetryDelay);
        _host.Store.Publish(Snapshot(_host.Time.GetUtcNow()));
        _host.Module.WaitForCalls("draw", 4);
        grid.WaitForAssertion(() => Assert.Empty(grid.FindAll("[data-chart-note][data-state=error]")));
        Assert.All(grid.FindAll(".chart-card__plot"), plot => Assert.False(plot.HasAttribute("hidden")));
    }

    [Fact]
    public void AWindowWithoutSamples_SpansTheRangeWithGaps_AndSaysSoInWords()
    {
        _host.Prometheus.Empty = true;
        var grid = _host.RenderGrid("7d");

        grid.WaitForAssertion(() => Assert.Equal(4, grid.FindAll("[data-chart-note][data-state=empty]").Count));
        Assert.Equal("No data recorded in the last 7d: Prometheus holds no samples for it (empty, not zero).",
            grid.Find("[data-chart-card=pods] [data-chart-note]").TextContent);
        var pods = _host.Drawn(ChartKeys.Pods);
        Assert.All(pods.GetProperty("series").EnumerateArray(), line =>
        {
            Assert.Equal(673, line.GetProperty("data").GetArrayLength());
            Assert.All(line.GetProperty("data").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p[1].ValueKind));
        });
        Assert.Equal(ChartTestHost.Now.AddDays(-7).ToUnixTimeMilliseconds() - ThreeHoursMs, pods.GetProperty("xaxis").GetProperty("min").GetInt64());
    }

    [Fact]
    public void TheFocusedChart_IsEnlargedMarkedAndRevealed()
    {
        var grid = _host.RenderGrid("24h", ChartKeys.Latency);

        _host.Module.WaitForCalls("draw", 4);
        Assert.Equal("true", grid.Find("[data-chart-card=latency]").GetAttribute("data-focused"));
        Assert.Single(grid.FindAll("[data-focused]"));
        Assert.Equal(ChartShaper.FocusedHeight, _host.Drawn(ChartKeys.Latency).GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal(ChartShaper.Height, _host.Drawn(ChartKeys.Pods).GetProperty("chart").GetProperty("height").GetInt32());
        _host.Module.WaitForCalls("reveal", 1);
    }

    [Fact]
    public async Task Disposing_DestroysTheCharts_AndStopsListening_EvenWhenTheCircuitIsGone()
    {
        _host.Store.Publish(Snapshot(ChartTestHost.Now));
        var grid = _host.RenderGrid("15m");
        _host.Module.WaitForCalls("draw", 4);
        _host.Module.SetupVoid("destroy", i => i.Arguments.Count == 1).SetException(new JSDisconnectedException("the circuit is gone"));

        await _host.Context.DisposeComponentsAsync();
        _host.Store.Publish(Snapshot(ChartTestHost.Now.AddMinutes(1)));

        Assert.Equal(4, _host.Module.Invocations["destroy"].Count);
        Assert.Empty(_host.Module.Invocations["appendAll"]);
    }

    [Fact]
    public void TheGrid_HasNoRangeButtonsOfItsOwn_AndTitlesCarryUnits()
    {
        var grid = _host.RenderGrid("6h");

        Assert.Equal(["Requests/s (rps)", "Latency (ms)", "5xx ratio (%)", "Pods (pods)"],
            grid.FindAll(".chart-card__title").Select(t => t.TextContent.Trim()));
        Assert.Equal("6h", grid.Find("[data-chart-grid]").GetAttribute("data-range"));
        Assert.Empty(grid.FindAll("[data-chart-range]"));
    }

    [Fact]
    public void PromQl_IsShownToAnOperator()
    {
        var grid = _host.RenderGrid("1h");

        Assert.Equal(4, grid.FindAll("[data-testid=show-promql]").Count);
        grid.Find("[data-chart-card=errors] [data-testid=show-promql]").Click();

        var expected = ChartQueries.ForChart(_host.Catalog, ChartKeys.Errors, "1h", ChartTestHost.Now).Single().PromQl;
        Assert.Equal(expected, grid.Find("[data-chart-card=errors] [data-promql] code").TextContent);
        Assert.Contains("[5m]", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void PromQl_IsNotRenderedForAViewer()
    {
        using var viewer = new ChartTestHost(Roles.Viewer);
        var grid = viewer.RenderGrid("1h");

        Assert.Empty(grid.FindAll("[data-testid=show-promql]"));
        Assert.Empty(grid.FindAll("[data-promql]"));
        Assert.Equal(4, grid.FindAll("[data-chart-card]").Count);
    }

    [Fact]
    public async Task AViewersCircuitSendingTheEventAnyway_GetsNothing()
    {
        // Rendered for an Operator, then demoted while the circuit is open: the control leaves the page at once.
        var grid = _host.RenderGrid("1h");
        Assert.NotEmpty(grid.FindAll("[data-chart-card=latency] [data-testid=show-promql]"));
        _host.SetRole(Roles.Viewer);
        grid.WaitForAssertion(() => Assert.Empty(grid.FindAll("[data-testid=show-promql]")));

        // The event sent anyway (the handler called as a hand-made message would) is refused on the server.
        await grid.InvokeAsync(() => grid.Instance.ToggleQueryAsync(ChartKeys.Latency));
        grid.Render();
        Assert.Empty(grid.FindAll("[data-promql]"));
        Assert.Equal("Showing the queries needs the Operator role.", grid.Find("[data-promql-refused]").TextContent);

        // A Viewer's circuit calling the handler directly gets nothing either.
        using var viewer = new ChartTestHost(Roles.Viewer);
        var viewerGrid = viewer.RenderGrid("1h");
        await viewerGrid.InvokeAsync(() => viewerGrid.Instance.ToggleQueryAsync(ChartKeys.Latency));
        viewerGrid.Render();
        Assert.Empty(viewerGrid.FindAll("[data-promql]"));
        Assert.Single(viewerGrid.FindAll("[data-promql-refused]"));
    }

    [Fact]
    public void APromotedViewer_GetsTheControlWithoutReload()
    {
        using var viewer = new ChartTestHost(Roles.Viewer);
        var grid = viewer.RenderGrid("1h");
        Assert.Empty(grid.FindAll("[data-testid=show-promql]"));

        viewer.SetRole(Roles.Operator);

        grid.WaitForAssertion(() => Assert.Equal(4, grid.FindAll("[data-testid=show-promql]").Count));
    }

    private List<(double Value, string Label)> YLines(string chart) =>
        _host.Drawn(chart).GetProperty("annotations").GetProperty("yaxis").EnumerateArray()
            .Select(y => (y.GetProperty("y").GetDouble(), y.GetProperty("label").GetProperty("text").GetString()!)).ToList();

    /// <summary>The shaded ranges (x-annotations with an end) of a drawn chart or an appended change.</summary>
    private static List<(long X, long X2, string Label)> Bands(JsonElement options) =>
        options.GetProperty("annotations").GetProperty("xaxis").EnumerateArray()
            .Where(x => x.TryGetProperty("x2", out _))
            .Select(x => (x.GetProperty("x").GetInt64(), x.GetProperty("x2").GetInt64(), x.GetProperty("label").GetProperty("text").GetString()!)).ToList();

    private List<(long X, string Label)> XLines(string chart) =>
        _host.Drawn(chart).GetProperty("annotations").GetProperty("xaxis").EnumerateArray()
            .Select(x => (x.GetProperty("x").GetInt64(), x.GetProperty("label").GetProperty("text").GetString()!)).ToList();

    /// <summary>A snapshot as the poller would publish it at <paramref name="at"/>: latency 42/120/240 ms, 5xx 0.2 %,
    /// 1,500 rps with 2,000 rps capacity, 4 of 10 pods, a scale event and a firing HighErrorRate at <see cref="EventAt"/>.</summary>
    private static LiveSnapshot Snapshot(DateTimeOffset at, double p95 = 120, DateTimeOffset? errorsStaleSince = null)
    {
        PanelSnapshot Panel(string key, params Figure[] figures) =>
            new(key, key, PanelStatus.Data, at, null, null, figures, [], []);
        static Figure F(string key, double value, string unit) => new(key, key, value, unit, value.ToString(System.Globalization.CultureInfo.InvariantCulture), Level.Ok, null);

        var errors = Panel(PrometheusPanelSources.Errors, F("ratio5xx", 0.002, "ratio"));
        if (errorsStaleSince is { } since)
        {
            errors = errors with { Status = PanelStatus.Stale, AsOf = since.AddSeconds(-5), StaleSince = since, Error = "timeout" };
        }

        return new LiveSnapshot(1, at, TimeSpan.FromSeconds(5),
        [
            Panel(PrometheusPanelSources.Latency, F("avg", 42, "ms"), F("p95", p95, "ms"), F("p99", 240, "ms")),
            Panel(PrometheusPanelSources.Throughput, F("rps", 1500, "rps"), F("capacity", 2000, "rps")),
            errors,
            Panel(PrometheusPanelSources.Scaling, F("current", 4, "pods"), F("desired", 4, "pods"), F("max", 10, "pods"))
                with { ScaleEvents = [new ScaleEvent(EventAt, 3, 5)] },
            Panel(PrometheusPanelSources.Alerts) with
            {
                Alerts = [new AlertItem("HighErrorRate", "firing", "critical", "5xx above 1 %", EventAt), new AlertItem("HighCPUUsage", "pending", "warning", "", EventAt)],
            },
        ]);
    }

    public void Dispose() => _host.Dispose();
}
