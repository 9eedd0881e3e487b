using BarberPro.Core.Charts;
using BarberPro.Core.Prometheus;
using Microsoft.AspNetCore.WebUtilities;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// The one URL builder for the live pages' query state: the page's time range (<c>?range=6h</c>), the chart a tile
/// opened (<c>?chart=latency</c>) and the wall's rotation (<c>?rotate=30s</c>, <c>?board=charts</c>). A URL names a
/// view that can be shared and survives a reload; unknown values fall back to the defaults.
/// </summary>
public static class LiveUrls
{
    public const string OverviewPath = "/";
    public const string WallPath = "/wall";
    public const string RangeParameter = "range";
    public const string ChartParameter = "chart";
    public const string RotateParameter = "rotate";
    public const string BoardParameter = "board";
    public const string DefaultRange = "1h";

    /// <summary>Rotation faster than this would not leave time to read a board.</summary>
    public static readonly TimeSpan MinimumRotation = TimeSpan.FromSeconds(5);

    public static string Overview(string? range = null, string? chart = null)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (range is not null && range != DefaultRange)
        {
            query[RangeParameter] = range;
        }
        if (chart is not null)
        {
            query[ChartParameter] = chart;
        }
        return QueryHelpers.AddQueryString(OverviewPath, query);
    }

    /// <summary>A range the charts know (<see cref="RangeStep.StandardRanges"/>), else the default.</summary>
    public static string Range(string? range) =>
        range is not null && RangeStep.StandardRanges.ContainsKey(range) ? range : DefaultRange;

    /// <summary>A chart of <see cref="ChartCatalog"/>, else none.</summary>
    public static string? Chart(string? chart) =>
        chart is not null && ChartCatalog.Charts.ContainsKey(chart) ? chart : null;

    /// <summary>The wall's rotation period from "30s", "2m"; null when absent, malformed or shorter than 5 s.</summary>
    public static TimeSpan? Rotation(string? rotate) =>
        PromQl.TryParseDuration(rotate, out var period) && period >= MinimumRotation ? period : null;
}
