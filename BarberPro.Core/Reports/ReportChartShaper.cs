using System.Globalization;
using BarberPro.Core.Charts;
using BarberPro.Core.Costs;
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

    public static ApexOptions Shape(ReportChart chart) => Shape(chart, null);

    /// <summary>The chart with <paramref name="labels"/>, the words of the reader's language (null: the stored English ones).</summary>
    public static ApexOptions Shape(ReportChart chart, ReportChartLabels? labels)
    {
        ArgumentNullException.ThrowIfNull(chart);
        labels ??= ReportChartLabels.Stored(chart);
        var shift = chart.Start - chart.PreviousStart;
        var series = chart.Lines
            .OrderBy(l => l.IsPrevious)
            .Select(line => new ApexSeries(line.IsPrevious ? labels.PreviousName : labels.CurrentName, line.Values
                .Select((v, i) => new ApexPoint(ChartTime.AxisMilliseconds(chart.TimeOf(line, i) + (line.IsPrevious ? shift : TimeSpan.Zero)), v))
                .ToArray()))
            .ToArray();
        var targets = chart.Targets.Select((t, i) =>
        {
            var color = t.Critical ? ChartShaper.CriticalColor : ChartShaper.WarningColor;
            var label = i < labels.Targets.Count ? labels.Targets[i] : t.Label;
            return new ApexYAnnotation(t.Value, color, 4, new ApexLabel(label, color, new("#ffffff", color)));
        }).ToList();
        return new ApexOptions(
            new ApexChartSettings("report-chart-" + chart.Key, "line", Height),
            series,
            new ApexXAxis(ChartTime.AxisMilliseconds(chart.Start), ChartTime.AxisMilliseconds(chart.End), new(labels.TimeAxis)),
            new ApexYAxis(0, new(labels.Unit), chart.Unit.StartsWith('%') ? 2 : 0) { Max = AxisMax(chart) },
            new ApexAnnotations(targets, []))
        {
            Colors = [.. chart.Lines.OrderBy(l => l.IsPrevious).Select(l => l.IsPrevious ? PreviousColor : CurrentColor)],
            NoData = new(labels.NoData),
        };
    }

    /// <summary>The top of the y axis: a tenth above the highest value or target line, so every target is in the plot.</summary>
    public static double? AxisMax(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var highest = chart.Lines.SelectMany(l => l.Values).OfType<double>().Concat(chart.Targets.Select(t => t.Value)).DefaultIfEmpty(0).Max();
        return highest > 0 ? highest * 1.1 : null;
    }

    /// <summary>A value in the chart's unit with the reader's number format, without the unit: "0.125" / "0,125" for
    /// "% of requests" (three decimals), "1,250" / "1.250" for ms and requests/s, "4.5" / "4,5" for pods.</summary>
    public static string Number(ReportChart chart, double value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var numbers = Money.NumbersOf(culture);
        return chart.Unit switch
        {
            "% of requests" => value.ToString("0.000", numbers),
            "ms" or "requests/s" => value.ToString("N0", numbers),
            _ => value.ToString("0.#", numbers),
        };
    }

    /// <summary>The highest value of <paramref name="line"/> and its time (its own period's), or null when it has none.</summary>
    public static (double Value, DateTimeOffset At)? Highest(ReportChart chart, ReportChartLine? line)
    {
        ArgumentNullException.ThrowIfNull(chart);
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
        return best < 0 ? null : (line.Values[best]!.Value, chart.TimeOf(line, best));
    }
}

/// <summary>
/// The words a stored chart is drawn with, in the reader's language (the dashboard's resources give them): the legend
/// names of the two lines, the y axis's unit, the x axis's title, the "no data" text and each target line's label
/// (same order as <see cref="ReportChart.Targets"/>).
/// </summary>
public sealed record ReportChartLabels(string CurrentName, string PreviousName, string Unit, string TimeAxis, string NoData,
    IReadOnlyList<string> Targets)
{
    /// <summary>The English words stored with the chart.</summary>
    public static ReportChartLabels Stored(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return new(chart.Current?.Name ?? chart.Unit, chart.PreviousLine?.Name ?? chart.Unit, chart.Unit, "Argentina time (ART)",
            "No data in this period", [.. chart.Targets.Select(t => t.Label)]);
    }
}
