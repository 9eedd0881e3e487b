using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Text;

namespace BarberPro.Core.Charts;

/// <summary>Keys of the charts a viewer can open; also the <c>panel</c> values of <c>GET /api/series</c>.</summary>
public static class ChartKeys
{
    public const string Throughput = "throughput";
    public const string Latency = "latency";
    public const string Errors = "errors";
    public const string Pods = "pods";
}

/// <summary>A chart: its title, the unit of its axis, the catalog queries of its lines, its threshold lines and whether
/// the Scaling panel's scale events are marked on it.</summary>
public sealed record ChartDefinition(string Title, string Unit, IReadOnlyList<ChartLine> Lines)
{
    public IReadOnlyList<ChartThresholdRule> Thresholds { get; init; } = [];

    public bool ShowsScaleEvents { get; init; }
}

/// <summary>
/// One line of a chart: a catalog query and the factor that turns its value into the chart's unit (the range series),
/// and the figure of the live snapshot that extends it between range queries (<see cref="LiveFigure"/>).
/// </summary>
public sealed record ChartLine(string Name, string QueryKey, double Scale, LiveFigure Live);

/// <summary>The figure <paramref name="Figure"/> of panel <paramref name="Panel"/> of a <see cref="LiveSnapshot"/>, times
/// <paramref name="Scale"/> to be in the chart's unit.</summary>
public sealed record LiveFigure(string Panel, string Figure, double Scale);

/// <summary>A horizontal line a chart draws at a threshold; the value comes from <see cref="LiveOptions"/> thresholds
/// and, for thresholds relative to the cluster (capacity), from the latest snapshot. Null: no line now.</summary>
public sealed record ChartThresholdRule(Func<ThresholdOptions, LiveSnapshot, ChartThresholdLine?> Line);

/// <summary>A threshold line as drawn: its value in the chart's unit, its label, and the level crossing it means.</summary>
/// <param name="Label">Its words, said in each viewer's language.</param>
public sealed record ChartThresholdLine(double Value, Phrase Label, Level Level);

/// <summary>
/// The charts viewers pick from, in one table: the range query of each line, the live figure that extends it and the
/// thresholds drawn on it. Viewers pick a chart and a range, never PromQL.
/// </summary>
public static class ChartCatalog
{
    public static IReadOnlyDictionary<string, ChartDefinition> Charts { get; } = new Dictionary<string, ChartDefinition>(StringComparer.Ordinal)
    {
        [ChartKeys.Throughput] = new("Requests/s", "rps",
            [new("requests/s", PanelQueryKeys.RequestsPerSecond, 1, new(PrometheusPanelSources.Throughput, "rps", 1))])
        {
            Thresholds =
            [
                new((t, _) => new(t.SustainedRps, Phrase.Of("Live_Threshold_Sustained", "sustained {0}", Says.Rate(t.SustainedRps)), Level.Warning)),
                new((t, _) => new(t.PeakRps, Phrase.Of("Live_Threshold_Peak", "peak {0}", Says.Rate(t.PeakRps)), Level.Critical)),
                new((t, s) => Value(s, PrometheusPanelSources.Throughput, "capacity") is { } capacity
                    ? new(Math.Round(capacity * t.CapacityWarning, 2), Phrase.Of("Live_Threshold_OfCapacity", "{0} of capacity at HPA max", Says.Percent(t.CapacityWarning, 0)), Level.Warning)
                    : null),
            ],
            ShowsScaleEvents = true,
        },
        [ChartKeys.Latency] = new("Latency", "ms",
        [
            new("average", PanelQueryKeys.LatencyAverage, 1000, new(PrometheusPanelSources.Latency, "avg", 1)),
            new("p95", PanelQueryKeys.LatencyP95, 1000, new(PrometheusPanelSources.Latency, "p95", 1)),
            new("p99", PanelQueryKeys.LatencyP99, 1000, new(PrometheusPanelSources.Latency, "p99", 1)),
        ])
        {
            Thresholds =
            [
                new((t, _) => new(t.LatencyAverageMs, Phrase.Of("Live_Threshold_AverageTarget", "average target {0}", Says.Milliseconds(t.LatencyAverageMs)), Level.Warning)),
                new((t, _) => new(t.LatencyP95Ms, Phrase.Of("Live_Threshold_LineTarget", "{0} target {1}", "p95", Says.Milliseconds(t.LatencyP95Ms)), Level.Warning)),
                new((t, _) => new(t.LatencyP99Ms, Phrase.Of("Live_Threshold_LineTarget", "{0} target {1}", "p99", Says.Milliseconds(t.LatencyP99Ms)), Level.Warning)),
            ],
        },
        [ChartKeys.Errors] = new("5xx ratio", "%",
            [new("5xx", PanelQueryKeys.ErrorRatio5xx, 100, new(PrometheusPanelSources.Errors, "ratio5xx", 100))])
        {
            Thresholds =
            [
                new((t, _) => new(t.ErrorRatioTarget * 100, Phrase.Of("Live_Target_Target", "target {0}", Says.Percent(t.ErrorRatioTarget, 1)), Level.Warning)),
                new((t, _) => new(t.ErrorRatioCritical * 100, Phrase.Numbers("HighErrorRate {0}", Says.Percent(t.ErrorRatioCritical, 1)), Level.Critical)),
            ],
        },
        [ChartKeys.Pods] = new("Pods", "pods",
        [
            new("running", PanelQueryKeys.PodsCurrent, 1, new(PrometheusPanelSources.Scaling, "current", 1)),
            new("desired", PanelQueryKeys.PodsDesired, 1, new(PrometheusPanelSources.Scaling, "desired", 1)),
            new("HPA max", PanelQueryKeys.HpaMax, 1, new(PrometheusPanelSources.Scaling, "max", 1)),
        ])
        {
            Thresholds =
            [
                new((t, s) => Value(s, PrometheusPanelSources.Scaling, "max") is { } max
                    ? new(Math.Round(max * t.CapacityWarning, 2), Phrase.Of("Live_Threshold_OfHpaMax", "{0} of HPA max", Says.Percent(t.CapacityWarning, 0)), Level.Warning)
                    : null),
            ],
            ShowsScaleEvents = true,
        },
    };

    /// <summary>A figure's value in a snapshot, whether current or stale (a threshold stays where it last was).</summary>
    private static double? Value(LiveSnapshot snapshot, string panel, string figure) =>
        snapshot.Find(panel)?.Find(figure)?.Value is { } v && double.IsFinite(v) ? v : null;
}
