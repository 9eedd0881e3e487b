using BarberPro.Core.Prometheus;
using BarberPro.Core.Time;
using Microsoft.Extensions.Options;
using BarberPro.Core.Text;

namespace BarberPro.Core.Live;

/// <summary>
/// The panels of SPEC.md's "Live panels" table that come from Prometheus. Every query comes from
/// <see cref="PanelQueryCatalog"/>; each panel evaluates its queries at the same instant, in parallel.
/// </summary>
public sealed class PrometheusPanelSources
{
    public const string Availability = "availability";
    public const string Latency = "latency";
    public const string Throughput = "throughput";
    public const string Errors = "errors";
    public const string Scaling = "scaling";
    public const string Dependencies = "dependencies";
    public const string Edge = "edge";
    public const string Alerts = "alerts";
    public const string CostRate = "cost";

    private readonly PrometheusClient _client;
    private readonly PanelQueryCatalog _catalog;
    private readonly LiveOptions _live;
    private readonly CostModelOptions _cost;

    public PrometheusPanelSources(PrometheusClient client, PanelQueryCatalog catalog, IOptions<LiveOptions> live,
        IOptions<CostModelOptions> cost)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(cost);
        _client = client;
        _catalog = catalog;
        _live = live.Value;
        _cost = cost.Value;
    }

    private ThresholdOptions T => _live.Thresholds;

    /// <summary>The panel keys in the order the overview shows them.</summary>
    public static IReadOnlyList<string> Keys { get; } = [Availability, Latency, Throughput, Errors, Scaling, Dependencies, Edge, Alerts, CostRate];

    public IPanelSource Get(string key) => All().Single(s => s.Key == key);

    public IReadOnlyList<IPanelSource> All() =>
    [
        new Source(Availability, "Availability & SLO", ReadAvailabilityAsync),
        new Source(Latency, "Latency", ReadLatencyAsync),
        new Source(Throughput, "Throughput", ReadThroughputAsync),
        new Source(Errors, "Errors", ReadErrorsAsync),
        new Source(Scaling, "Scaling", ReadScalingAsync),
        new Source(Dependencies, "Dependencies", ReadDependenciesAsync),
        new Source(Edge, "Edge latency by city", ReadEdgeAsync),
        new Source(Alerts, "Alerts", ReadAlertsAsync),
        new Source(CostRate, "Compute cost rate", ReadCostAsync),
    ];

    private async Task<PanelReading> ReadAvailabilityAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sla = T.SlaTarget;
        var windows = new[] { "24h", "7d", "30d" };
        var availabilityTask = Task.WhenAll(windows.Select(w =>
            ValueAsync(PanelQueryKeys.AvailabilityRatio, new PanelQueryArguments { Window = PromQl.ParseDuration(w) }, now, ct)));
        var burnsTask = Task.WhenAll(new[] { "1h", "5m", "6h", "30m" }.Select(w =>
            ValueAsync(PanelQueryKeys.BurnRate, new PanelQueryArguments { Window = PromQl.ParseDuration(w) }, now, ct)));
        var (availability, burns) = (await availabilityTask, await burnsTask);
        var slaText = Phrase.Numbers("≥ {0}", Says.Percent(sla, 1));
        var figures = new List<Figure>();
        for (var i = 0; i < windows.Length; i++)
        {
            var a = availability[i];
            figures.Add(Figure.Said("avail" + windows[i], Phrase.Of("Live_Fig_Availability", "Availability {0}", windows[i]), a, "ratio",
                Says.Or(a, v => Says.Percent(v, 3)), Judge.AtLeast(a, sla), slaText));
        }
        var budget = Judge.BudgetLeft(availability[2], sla);
        figures.Add(Figure.Said("budget30d", Phrase.Of("Live_Fig_BudgetLeft", "Error budget left (30 d)"), budget, "ratio",
            budget switch { null => Says.NoData, <= 0 => Phrase.Of("Live_Exhausted", "exhausted"), var b => Says.Percent(b.Value, 1) },
            Judge.Budget(budget), Phrase.Numbers("> {0}", Says.Percent(0, 0))));
        string[] burnKeys = ["burn1h", "burn5m", "burn6h", "burn30m"];
        for (var i = 0; i < burnKeys.Length; i++)
        {
            var fast = i < 2;
            var threshold = fast ? T.FastBurnRate : T.SlowBurnRate;
            figures.Add(Figure.Said(burnKeys[i], Phrase.Of("Live_Fig_BurnRate", "Burn rate {0}", burnKeys[i][4..]), burns[i], "x",
                Says.Or(burns[i], Says.Multiple),
                burns[i] switch { null => Level.Unknown, var b when b <= threshold => Level.Ok, _ => fast ? Level.Critical : Level.Warning },
                Phrase.Numbers("≤ {0}", Says.Multiple(threshold))));
        }
        // The verdict says which windows decided it ("5 m at 84× but 1 h at 7.5×: below the 14.4× page rule"), where
        // the tile shows its rule, so a red 5 m figure beside an "ok" verdict explains itself.
        var verdict = Judge.BurnVerdict(burns[0], burns[1], burns[2], burns[3], T);
        figures.Add(Figure.Said("burnState", Phrase.Of("Live_Fig_BurnAlert", "Burn-rate alert"), null, "state",
            verdict.State switch
            {
                BurnState.FastBurn => Phrase.Of("Live_FastBurn", "fast burn"),
                BurnState.SlowBurn => Phrase.Of("Live_SlowBurn", "slow burn"),
                BurnState.Ok => Phrase.Of("Live_BurnOk", "ok"),
                _ => Says.NoData,
            },
            verdict.State switch { BurnState.FastBurn => Level.Critical, BurnState.SlowBurn => Level.Warning, BurnState.Ok => Level.Ok, _ => Level.Unknown },
            verdict.Words));
        return Reading(now, figures);
    }

    private async Task<PanelReading> ReadLatencyAsync(DateTimeOffset now, CancellationToken ct)
    {
        var keys = new[] { PanelQueryKeys.LatencyAverage, PanelQueryKeys.LatencyP95, PanelQueryKeys.LatencyP99 };
        var values = await Task.WhenAll(keys.Select(k => ValueAsync(k, RateArguments, now, ct)));
        return Reading(now,
        [
            Latency("avg", Phrase.Of("Live_Fig_Average", "Average"), values[0] * 1000, T.LatencyAverageMs),
            Latency("p95", Phrase.Text("p95"), values[1] * 1000, T.LatencyP95Ms),
            Latency("p99", Phrase.Text("p99"), values[2] * 1000, T.LatencyP99Ms),
        ]);

        static Figure Latency(string key, Phrase label, double? ms, double target) =>
            Figure.Said(key, label, ms, "ms", Says.Or(ms, Says.Milliseconds),
                Judge.AtMost(ms, target, target * 2.5), Phrase.Numbers("< {0}", Says.Milliseconds(target)));
    }

    private async Task<PanelReading> ReadThroughputAsync(DateTimeOffset now, CancellationToken ct)
    {
        var rps = ValueAsync(PanelQueryKeys.RequestsPerSecond, RateArguments, now, ct);
        var peak = ValueAsync(PanelQueryKeys.RequestsPerSecondPeak,
            RateArguments with { Window = TimeSpan.FromHours(24) }, now, ct);
        var pods = ValueAsync(PanelQueryKeys.PodsCurrent, RateArguments, now, ct);
        var hpaMax = ValueAsync(PanelQueryKeys.HpaMax, RateArguments, now, ct);
        var (r, p, running, max) = (await rps, await peak, await pods, await hpaMax);
        // The subquery's last step can fall just before now: the current rate is part of the last 24 h, so the peak is
        // never shown below it.
        p = (r, p) switch { ({ } current, { } highest) => Math.Max(current, highest), _ => p ?? r };
        var capacity = Judge.CapacityAtHpaMax(r, running, max);
        var sustained = Phrase.Of("Live_Target_Sustained", "≤ {0} sustained", Says.Rate(T.SustainedRps));
        var rpsTarget = capacity is { } c
            ? Phrase.Of("Live_Target_SustainedCapacity", "{0} · capacity {1}", sustained, Says.Rate(c))
            : sustained;
        return Reading(now,
        [
            Figure.Said("rps", Phrase.Of("Live_Fig_RequestsNow", "Requests/s now"), r, "rps", Says.Or(r, Says.Rate),
                Judge.Throughput(r, capacity, T), rpsTarget),
            Figure.Said("peak24h", Phrase.Of("Live_Fig_Peak", "Peak (24 h)"), p, "rps", Says.Or(p, Says.Rate),
                Judge.AtMost(p, T.PeakRps, double.MaxValue), Phrase.Numbers("≤ {0}", Says.Rate(T.PeakRps))),
            Figure.Said("capacity", Phrase.Of("Live_Fig_Capacity", "Capacity at HPA max"), capacity, "rps", Says.Or(capacity, Says.Rate),
                capacity is null ? Level.Unknown : Level.Ok,
                running is { } n && max is { } m && r is { } rpsNow && n >= 1
                    ? Phrase.Of("Live_Target_PerPod", "{0}/pod × {1} pods", Says.Rate(rpsNow / n), Says.Count(m))
                    : Phrase.Of("Live_Target_PerPodRule", "requests/s per pod × HPA max")),
        ]);
    }

    private async Task<PanelReading> ReadErrorsAsync(DateTimeOffset now, CancellationToken ct)
    {
        // The HighErrorRate rule's window, not the instant one: the tile is critical exactly when the rule's
        // condition holds (> ErrorRatioCritical over the same window), so it is never green while the alert fires.
        var window = _catalog.RateWindowFor(PanelQueryKeys.ErrorRatio5xx, _catalog.InstantRateWindow);
        var ratio = await ValueAsync(PanelQueryKeys.ErrorRatio5xx, new PanelQueryArguments { Rate = window }, now, ct);
        return Reading(now,
        [
            Figure.Said("ratio5xx", Phrase.Of("Live_Fig_Ratio5xx", "5xx ratio ({0})", FigureFormat.Window(window)), ratio, "ratio",
                Says.Or(ratio, v => Says.Percent(v, 3)),
                Judge.AtMost(ratio, T.ErrorRatioTarget, T.ErrorRatioCritical), Phrase.Numbers("< {0}", Says.Percent(T.ErrorRatioTarget, 1))),
        ]);
    }

    private async Task<PanelReading> ReadScalingAsync(DateTimeOffset now, CancellationToken ct)
    {
        var keys = new[]
        {
            PanelQueryKeys.PodsCurrent, PanelQueryKeys.PodsDesired, PanelQueryKeys.HpaMin, PanelQueryKeys.HpaMax,
            PanelQueryKeys.CpuUtilisation, PanelQueryKeys.MemoryUtilisation,
        };
        var valuesTask = Task.WhenAll(keys.Select(k => ValueAsync(k, RateArguments, now, ct)));
        var eventsTask = ScaleEventsAsync(now, ct);
        var v = await valuesTask;
        var (current, desired, min, max, cpu, memory) = (v[0], v[1], v[2], v[3], v[4], v[5]);
        var range = min is { } lo && max is { } hi ? Phrase.Numbers("HPA {0}–{1}", new Num(lo, "0"), new Num(hi, "0")) : null;
        return Reading(now,
        [
            Figure.Said("current", Phrase.Of("Live_Fig_PodsRunning", "Pods running"), current, "pods", Says.Or(current, Says.Count), Judge.Pods(current, max), range),
            Figure.Said("desired", Phrase.Of("Live_Fig_PodsDesired", "Pods desired"), desired, "pods", Says.Or(desired, Says.Count), Judge.Pods(desired, max), range),
            Figure.Said("min", Phrase.Text("HPA min"), min, "pods", Says.Or(min, Says.Count), min is null ? Level.Unknown : Level.Ok, null),
            Figure.Said("max", Phrase.Text("HPA max"), max, "pods", Says.Or(max, Says.Count), max is null ? Level.Unknown : Level.Ok, null),
            Figure.Said("cpu", Phrase.Of("Live_Fig_Cpu", "CPU vs request"), cpu, "ratio", Says.Or(cpu, c => Says.Percent(c, 0)),
                Judge.AtMost(cpu, T.CpuTarget, T.CpuAlert), Phrase.Of("Live_Target_Target", "target {0}", Says.Percent(T.CpuTarget, 0))),
            Figure.Said("memory", Phrase.Of("Live_Fig_Memory", "Memory vs limit"), memory, "ratio", Says.Or(memory, m => Says.Percent(m, 0)),
                Judge.AtMost(memory, T.MemoryTarget, T.MemoryAlert), Phrase.Of("Live_Target_Target", "target {0}", Says.Percent(T.MemoryTarget, 0))),
        ], scaleEvents: await eventsTask);
    }

    /// <summary>Changes of the HPA's desired replicas over the last hour, newest first.</summary>
    private async Task<IReadOnlyList<ScaleEvent>> ScaleEventsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var window = _catalog.RangeWindow(now, TimeSpan.FromHours(1));
        var matrix = await _client.QueryRangeAsync(_catalog.Render(PanelQueryKeys.HpaDesired, new PanelQueryArguments()), window, ct);
        return ScaleEvents.FromSeries(matrix.Series.FirstOrDefault()?.Points ?? []);
    }

    private async Task<PanelReading> ReadDependenciesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var pg = ValueAsync(PanelQueryKeys.PostgresUp, RateArguments, now, ct);
        var redis = ValueAsync(PanelQueryKeys.RedisUp, RateArguments, now, ct);
        var (p, r) = (await pg, await redis);
        var up = Says.UpDown(1);
        return Reading(now,
        [
            Figure.Said("postgres", Phrase.Text("PostgreSQL"), p, "up", Says.Or(p, Says.UpDown), Judge.Up(p), up),
            Figure.Said("redis", Phrase.Text("Redis"), r, "up", Says.Or(r, Says.UpDown), Judge.Up(r), up),
        ]);
    }

    private async Task<PanelReading> ReadEdgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var vector = await _client.QueryVectorAsync(_catalog.Render(PanelQueryKeys.ProbeLatencyByCity, RateArguments), now, ct);
        var byCity = vector.Series
            .Where(s => s.Labels.ContainsKey("city") && double.IsFinite(s.Sample.Value))
            .ToDictionary(s => s.Labels["city"], s => s.Sample.Value * 1000, StringComparer.Ordinal);
        var target = Phrase.Numbers("< {0}", Says.Milliseconds(T.EdgeLatencyMs));
        var figures = _live.Cities.Select(city =>
        {
            double? ms = byCity.TryGetValue(city, out var v) ? v : null;
            return Figure.Said(city, Phrase.Text(city), ms, "ms", Says.Or(ms, Says.Milliseconds),
                Judge.AtMost(ms, T.EdgeLatencyMs, T.EdgeLatencyMs * 2), target);
        }).ToList();
        return Reading(now, figures);
    }

    /// <summary>
    /// The alerts, and whether alerting runs at all: an empty alert list from a store that evaluates no rules (or
    /// stopped evaluating them) is "unknown" or "stale", never "none firing". One call to each endpoint per poll.
    /// </summary>
    private async Task<PanelReading> ReadAlertsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var alertsTask = _client.GetAlertsAsync(ct);
        var rulesTask = _client.GetRulesAsync(ct);
        await Task.WhenAll(alertsTask, rulesTask);
        var alerting = AlertingStatus.Assess(await rulesTask, _live.EffectiveExpectedAlertRules, now);
        var items = (await alertsTask)
            .Where(a => a.State is PrometheusAlertState.Firing or PrometheusAlertState.Pending)
            .Select(a => new AlertItem(a.Name, a.State == PrometheusAlertState.Firing ? AlertStates.Firing : AlertStates.Pending,
                a.Severity ?? "none", a.Annotations.TryGetValue("summary", out var s) ? s : "", a.ActiveAt))
            .OrderBy(a => a.State == AlertStates.Firing ? 0 : 1).ThenBy(a => a.Severity == AlertStates.CriticalSeverity ? 0 : 1).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var firing = items.Count(a => a.State == AlertStates.Firing);
        var pending = items.Count - firing;
        var firingLevel = items.Any(a => a.State == AlertStates.Firing && a.Severity == AlertStates.CriticalSeverity) ? Level.Critical
            : firing > 0 ? Level.Warning : Level.Ok;
        var pendingLevel = pending > 0 ? Level.Warning : Level.Ok;
        var expected = _live.EffectiveExpectedAlertRules.Count;
        return new PanelReading(now,
        [
            Count(AlertFigureKeys.Firing, Phrase.Of("Live_Fig_Firing", "Firing"), firing, firingLevel),
            Count(AlertFigureKeys.Pending, Phrase.Of("Live_Fig_Pending", "Pending"), pending, pendingLevel),
            Figure.Said(AlertFigureKeys.Rules, Phrase.Of("Live_Fig_Rules", "Alerting rules"), alerting.AlertingRules, "rules",
                alerting.AlertingRules == 0 ? Phrase.Of("Live_NoneLoaded", "none loaded") : Says.Count(alerting.AlertingRules), alerting.Level,
                expected > 0 ? Phrase.Of("Live_Target_Expected", "{0} expected", Says.Count(expected)) : Phrase.Text("≥ 1")),
        ], Alerts: items, Alerting: alerting);

        // A count of zero is only a fact while alerting runs; otherwise it is unknown, not "0".
        Figure Count(string key, Phrase label, int count, Level level) =>
            count == 0 && alerting.State == AlertingState.Unknown
                ? Figure.Said(key, label, null, "alerts", Phrase.Of("Live_UnknownValue", "unknown"), Level.Unknown, Phrase.Text("0"))
                : Figure.Said(key, label, count, "alerts", Says.Count(count), level, Phrase.Text("0"));
    }

    private async Task<PanelReading> ReadCostAsync(DateTimeOffset now, CancellationToken ct)
    {
        var pods = await ValueAsync(PanelQueryKeys.PodsCurrent, RateArguments, now, ct);
        var price = _cost.EffectivePricePerPodHourUsd;
        double? perHour = pods * price;
        var month = ArgentinaTime.DateOf(now);
        var hoursInMonth = DateTime.DaysInMonth(month.Year, month.Month) * 24.0;
        return Reading(now,
        [
            Figure.Said("perHour", Phrase.Of("Live_Fig_ComputeNow", "Compute now"), perHour, "usd/h", Says.Or(perHour, Says.UsdPerHour),
                perHour is null ? Level.Unknown : Level.Ok, Phrase.Of("Live_Target_PodHour", "{0} per pod-hour blended", Says.Usd(price))),
            Figure.Said("monthRate", Phrase.Of("Live_Fig_MonthRate", "At this rate, per month"), perHour * hoursInMonth, "usd",
                Says.Or(perHour, m => Says.Usd(m * hoursInMonth)), perHour is null ? Level.Unknown : Level.Ok, null),
        ]);
    }

    private PanelQueryArguments RateArguments => new() { Rate = _catalog.InstantRateWindow };

    private Task<double?> ValueAsync(string key, PanelQueryArguments arguments, DateTimeOffset now, CancellationToken ct) =>
        _client.QueryValueAsync(_catalog, key, arguments, now, ct);

    /// <summary>A panel whose every figure is missing has no data at all: that is a failure, never a row of zeros.</summary>
    private static PanelReading Reading(DateTimeOffset now, IReadOnlyList<Figure> figures, IReadOnlyList<ScaleEvent>? scaleEvents = null) =>
        figures.All(f => f.Value is null && f.Level == Level.Unknown)
            ? throw new PanelDataException(Phrase.Of("Live_NoSeries", "Prometheus returned no series for this panel: is the exporter being scraped?"))
            : new PanelReading(now, figures, ScaleEvents: scaleEvents);

    private sealed class Source(string key, string title, Func<DateTimeOffset, CancellationToken, Task<PanelReading>> read) : IPanelSource
    {
        public string Key => key;

        public string Title => title;

        public Task<PanelReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken) => read(now, cancellationToken);
    }
}

public static class ScaleEvents
{
    /// <summary>The points where the replica count changed, newest first, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<ScaleEvent> FromSeries(IReadOnlyList<PrometheusSample> points, int max = 10)
    {
        ArgumentNullException.ThrowIfNull(points);
        var events = new List<ScaleEvent>();
        for (var i = 1; i < points.Count; i++)
        {
            var (before, after) = (points[i - 1].Value, points[i].Value);
            if (double.IsFinite(before) && double.IsFinite(after) && (int)Math.Round(before) != (int)Math.Round(after))
            {
                events.Add(new ScaleEvent(points[i].Timestamp, (int)Math.Round(before), (int)Math.Round(after)));
            }
        }
        events.Reverse();
        return events.Count > max ? events[..max] : events;
    }
}
