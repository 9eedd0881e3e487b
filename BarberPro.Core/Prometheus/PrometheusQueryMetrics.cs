using System.Text.Json;
using Prometheus;

namespace BarberPro.Core.Prometheus;

/// <summary>
/// Counts Prometheus calls that failed, by operation (<c>query</c>, <c>query_range</c>, <c>alerts</c>,
/// <c>buildinfo</c>) and kind (<see cref="PrometheusErrorKind"/> in snake case, e.g. <c>bad_data</c>,
/// <c>unreachable</c>, <c>circuit_open</c>). One count per call as the caller saw it, after retries. Singleton.
/// </summary>
public sealed class PrometheusQueryMetrics(IMetricFactory metrics)
{
    public const string ErrorsName = "barberpro_dashboard_prometheus_query_errors_total";

    private static readonly string[] s_kinds = [.. Enum.GetValues<PrometheusErrorKind>().Select(k => JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()))];

    private readonly Counter _errors = metrics.CreateCounter(ErrorsName,
        "Prometheus calls of the dashboard that failed (after retries), by operation and kind.", ["operation", "kind"]);

    internal void CallFailed(string operation, PrometheusErrorKind kind) =>
        _errors.WithLabels(operation, s_kinds[(int)kind]).Inc();
}
