using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Charts;

/// <summary>The PromQL of a chart's lines over a range window: what <see cref="ChartSeriesCache"/> asks and what an
/// Operator reads under "Show query", rendered by one method so the two never differ.</summary>
public static class ChartQueries
{
    public static string Render(PanelQueryCatalog catalog, ChartLine line, RangeWindow window)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(window);
        var rate = catalog.RateWindowFor(line.QueryKey, window.RateWindow);
        return catalog.Render(line.QueryKey, new PanelQueryArguments { Rate = rate, Window = rate });
    }

    /// <summary>Each line's name and PromQL for <paramref name="chart"/> over <paramref name="range"/> ending at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">Unknown chart or range.</exception>
    public static IReadOnlyList<(string Line, string PromQl)> ForChart(PanelQueryCatalog catalog, string chart, string range, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var definition = ChartCatalog.Charts.TryGetValue(chart, out var d) ? d : throw new ArgumentException($"Unknown chart '{chart}'.", nameof(chart));
        var span = RangeStep.StandardRanges.TryGetValue(range, out var s) ? s : throw new ArgumentException($"Unknown range '{range}'.", nameof(range));
        var window = catalog.RangeWindow(now, span);
        return definition.Lines.Select(line => (line.Name, Render(catalog, line, window))).ToList();
    }
}
