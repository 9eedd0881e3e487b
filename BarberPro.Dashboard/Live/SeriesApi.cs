using BarberPro.Core.Charts;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// <c>GET /api/series?panel=…&amp;range=…</c>: the time series behind a chart. The caller picks a chart and a range
/// from fixed lists; the server owns the PromQL and the step (Grafana's rule: range ÷ max points, never below the
/// scrape interval, aligned), so no series exceeds about 1,000 points. Answers come from the process-wide
/// <see cref="ChartSeriesCache"/>: every viewer of the same chart, range and aligned window shares one range query.
/// </summary>
public static class SeriesApi
{
    /// <summary>The charts a page may draw (see <see cref="ChartCatalog"/>).</summary>
    public static IReadOnlyDictionary<string, ChartDefinition> Charts => ChartCatalog.Charts;

    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/series", GetSeriesAsync).RequireAuthorization(Policies.View).WithName("GetSeries");
        return endpoints;
    }

    internal static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> GetSeriesAsync(
        string? panel, string? range, ChartSeriesCache cache, CancellationToken cancellationToken)
    {
        if (panel is null || !Charts.ContainsKey(panel))
        {
            return TypedResults.Problem($"panel must be one of: {string.Join(", ", Charts.Keys)}.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (range is null || !RangeStep.StandardRanges.ContainsKey(range))
        {
            return TypedResults.Problem($"range must be one of: {string.Join(", ", RangeStep.StandardRanges.Keys)}.", statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var series = await cache.GetAsync(panel, range, cancellationToken);
            return TypedResults.Ok(new SeriesResponse(series.Chart, series.Range, series.Title, series.Unit,
                (long)series.Step.TotalSeconds, series.Start, series.End, series.Lines));
        }
        catch (PrometheusException ex)
        {
            return TypedResults.Problem($"Prometheus could not answer: {ex.Message}", statusCode: StatusCodes.Status502BadGateway);
        }
    }
}

/// <summary>Every line has one point per step from <c>Start</c> to <c>End</c>; a missing value is <c>[ms, null]</c>, a gap.</summary>
public sealed record SeriesResponse(string Panel, string Range, string Title, string Unit, long StepSeconds,
    DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<ChartSeriesLine> Lines);
