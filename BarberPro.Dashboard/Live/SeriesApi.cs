using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// <c>GET /api/series?panel=…&amp;range=…</c>: the time series behind a chart. The caller picks a chart and a range
/// from fixed lists; the server owns the PromQL and the step (Grafana's rule: range ÷ max points, never below the
/// scrape interval, aligned), so no series exceeds about 1,000 points.
/// </summary>
public static class SeriesApi
{
    /// <summary>The charts and the catalog queries each draws, with the factor that turns the value into the chart's unit.</summary>
    public static IReadOnlyDictionary<string, ChartDefinition> Charts { get; } = new Dictionary<string, ChartDefinition>(StringComparer.Ordinal)
    {
        ["throughput"] = new("Requests/s", "rps", [new("requests/s", PanelQueryKeys.RequestsPerSecond, 1)]),
        ["latency"] = new("Latency", "ms", [new("average", PanelQueryKeys.LatencyAverage, 1000), new("p95", PanelQueryKeys.LatencyP95, 1000), new("p99", PanelQueryKeys.LatencyP99, 1000)]),
        ["errors"] = new("5xx ratio", "%", [new("5xx", PanelQueryKeys.ErrorRatio5xx, 100)]),
        ["pods"] = new("Pods", "pods", [new("running", PanelQueryKeys.PodsCurrent, 1), new("desired", PanelQueryKeys.PodsDesired, 1), new("HPA max", PanelQueryKeys.HpaMax, 1)]),
    };

    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/series", GetSeriesAsync).RequireAuthorization(Policies.View).WithName("GetSeries");
        return endpoints;
    }

    internal static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> GetSeriesAsync(
        string? panel, string? range, PrometheusClient prometheus, PanelQueryCatalog catalog, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (panel is null || !Charts.TryGetValue(panel, out var chart))
        {
            return TypedResults.Problem($"panel must be one of: {string.Join(", ", Charts.Keys)}.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (range is null || !RangeStep.StandardRanges.TryGetValue(range, out var span))
        {
            return TypedResults.Problem($"range must be one of: {string.Join(", ", RangeStep.StandardRanges.Keys)}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var window = catalog.RangeWindow(time.GetUtcNow(), span);
        try
        {
            var lines = await Task.WhenAll(chart.Lines.Select(async line =>
            {
                var query = catalog.Render(line.QueryKey, new PanelQueryArguments { Rate = window.RateWindow, Window = window.RateWindow });
                var matrix = await prometheus.QueryRangeAsync(query, window, cancellationToken);
                var points = matrix.Series.FirstOrDefault()?.Points
                    .Where(p => double.IsFinite(p.Value))
                    .Select(p => new[] { p.Timestamp.ToUnixTimeMilliseconds(), Math.Round(p.Value * line.Scale, 4) })
                    .ToArray() ?? [];
                return new SeriesLine(line.Name, points);
            }));
            return TypedResults.Ok(new SeriesResponse(panel, range, chart.Title, chart.Unit, (long)window.Step.TotalSeconds,
                window.Start, window.End, lines));
        }
        catch (PrometheusException ex)
        {
            return TypedResults.Problem($"Prometheus could not answer: {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}

public sealed record ChartDefinition(string Title, string Unit, IReadOnlyList<ChartLine> Lines);

public sealed record ChartLine(string Name, string QueryKey, double Scale);

/// <summary>Points are [unix ms, value] pairs, the shape ApexCharts takes as it is.</summary>
public sealed record SeriesLine(string Name, IReadOnlyList<double[]> Points);

public sealed record SeriesResponse(string Panel, string Range, string Title, string Unit, long StepSeconds,
    DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<SeriesLine> Lines);
