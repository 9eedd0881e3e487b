using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Charts;

/// <summary>Keys of the charts a viewer can open; also the <c>panel</c> values of <c>GET /api/series</c>.</summary>
public static class ChartKeys
{
    public const string Throughput = "throughput";
    public const string Latency = "latency";
    public const string Errors = "errors";
    public const string Pods = "pods";
}

/// <summary>A chart: its title, the unit of its axis and the catalog queries of its lines.</summary>
public sealed record ChartDefinition(string Title, string Unit, IReadOnlyList<ChartLine> Lines);

/// <summary>One line of a chart: a catalog query and the factor that turns its value into the chart's unit.</summary>
public sealed record ChartLine(string Name, string QueryKey, double Scale);

/// <summary>The charts viewers pick from. Viewers pick a chart and a range, never PromQL.</summary>
public static class ChartCatalog
{
    public static IReadOnlyDictionary<string, ChartDefinition> Charts { get; } = new Dictionary<string, ChartDefinition>(StringComparer.Ordinal)
    {
        [ChartKeys.Throughput] = new("Requests/s", "rps", [new("requests/s", PanelQueryKeys.RequestsPerSecond, 1)]),
        [ChartKeys.Latency] = new("Latency", "ms",
            [new("average", PanelQueryKeys.LatencyAverage, 1000), new("p95", PanelQueryKeys.LatencyP95, 1000), new("p99", PanelQueryKeys.LatencyP99, 1000)]),
        [ChartKeys.Errors] = new("5xx ratio", "%", [new("5xx", PanelQueryKeys.ErrorRatio5xx, 100)]),
        [ChartKeys.Pods] = new("Pods", "pods",
            [new("running", PanelQueryKeys.PodsCurrent, 1), new("desired", PanelQueryKeys.PodsDesired, 1), new("HPA max", PanelQueryKeys.HpaMax, 1)]),
    };
}
