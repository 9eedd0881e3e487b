using System.Globalization;
using BarberPro.Core.Charts;
using BarberPro.Core.Time;

namespace BarberPro.Core.Reports;

/// <summary>
/// Turns a stored <see cref="ReportChart"/> into what the app's <c>&lt;ApexChart&gt;</c> draws, and into the words that
/// stand beside it. Reads only the stored values: a report's chart is the same on every view. The previous period's
/// line is moved onto the current period's axis (same hour of the day before / week before) and drawn lighter; its
/// legend name says "day before" or "week before", so the two are never told apart by colour alone.
/// </summary>
public static class ReportChartShaper
{
    public const int Height = 260;
    public const string CurrentColor = "#1c5fb8";
    public const string PreviousColor = "#9fb6dc";

    public static ApexOptions Shape(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var shift = chart.Start - chart.PreviousStart;
        var series = chart.Lines
            .OrderBy(l => l.IsPrevious)
            .Select(line => new ApexSeries(line.Name, line.Values
                .Select((v, i) => new ApexPoint(ChartTime.AxisMilliseconds(chart.TimeOf(line, i) + (line.IsPrevious ? shift : TimeSpan.Zero)), v))
                .ToArray()))
            .ToArray();
        var targets = chart.Targets.Select(t =>
        {
            var color = t.Critical ? ChartShaper.CriticalColor : ChartShaper.WarningColor;
            return new ApexYAnnotation(t.Value, color, 4, new ApexLabel(t.Label, color, new("#ffffff", color)));
        }).ToList();
        return new ApexOptions(
            new ApexChartSettings("report-chart-" + chart.Key, "line", Height),
            series,
            new ApexXAxis(ChartTime.AxisMilliseconds(chart.Start), ChartTime.AxisMilliseconds(chart.End), new("Argentina time (ART)")),
            new ApexYAxis(0, new(chart.Unit), chart.Unit.StartsWith('%') ? 2 : 0) { Max = AxisMax(chart) },
            new ApexAnnotations(targets, []))
        {
            Colors = [.. chart.Lines.OrderBy(l => l.IsPrevious).Select(l => l.IsPrevious ? PreviousColor : CurrentColor)],
            NoData = new("No data in this period"),
        };
    }

    /// <summary>The top of the y axis: a tenth above the highest value or target line, so every target is in the plot.</summary>
    public static double? AxisMax(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var highest = chart.Lines.SelectMany(l => l.Values).OfType<double>().Concat(chart.Targets.Select(t => t.Value)).DefaultIfEmpty(0).Max();
        return highest > 0 ? highest * 1.1 : null;
    }

    /// <summary>
    /// The chart in one sentence, for the card and for screen readers: the highest value and when (ART), the same for
    /// the previous period, or why there is nothing to draw.
    /// </summary>
    public static string Summary(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Error is not null)
        {
            return "No chart: " + chart.Error;
        }
        var current = Highest(chart, chart.Current);
        if (current is null)
        {
            return "No data in this period.";
        }
        var text = "Highest " + current;
        var previous = Highest(chart, chart.PreviousLine);
        return text + (previous is null ? "; no data for the previous period." : "; previous period " + previous + ".");
    }

    /// <summary>A value in the chart's unit as the card writes it.</summary>
    public static string Format(ReportChart chart, double value)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Unit switch
        {
            "% of requests" => value.ToString("0.000", CultureInfo.InvariantCulture) + " %",
            "ms" => value.ToString("N0", CultureInfo.InvariantCulture) + " ms",
            "requests/s" => value.ToString("N0", CultureInfo.InvariantCulture) + " requests/s",
            _ => value.ToString("0.#", CultureInfo.InvariantCulture) + " " + chart.Unit,
        };
    }

    private static string? Highest(ReportChart chart, ReportChartLine? line)
    {
        if (line is null)
        {
            return null;
        }
        var best = -1;
        for (var i = 0; i < line.Values.Count; i++)
        {
            if (line.Values[i] is { } v && (best < 0 || v > line.Values[best]!.Value))
            {
                best = i;
            }
        }
        return best < 0 ? null : Format(chart, line.Values[best]!.Value) + " at " + ArgentinaTime.FormatDateTime(chart.TimeOf(line, best)) + " ART";
    }
}
