using System.Text.Json.Serialization;
using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Reports;

/// <summary>
/// A chart kept with a report: the range series of one of the dashboard's charts over the report's period and over the
/// previous period, as Prometheus answered at generation, and the target lines as configured then. Points are stored
/// compactly, one value per step from <see cref="Start"/> (current period) or <see cref="PreviousStart"/> (previous
/// period); a null value is a step Prometheus had no value for (drawn as a gap, never 0). Later views draw exactly
/// these values: nothing is queried again.
/// </summary>
/// <param name="Key">The <see cref="ChartKeys"/> value of the dashboard chart whose query this is.</param>
/// <param name="Unit">The unit of the values and the y axis ("requests/s", "ms", "% of requests", "pods").</param>
/// <param name="StepSeconds">Seconds between two values.</param>
/// <param name="Error">Why the chart has no values (Prometheus did not answer), or null.</param>
public sealed record ReportChart(string Key, string Title, string Unit, DateTimeOffset Start, DateTimeOffset End,
    DateTimeOffset PreviousStart, int StepSeconds, IReadOnlyList<ReportChartLine> Lines, IReadOnlyList<ReportChartTarget> Targets,
    string? Error)
{
    [JsonIgnore]
    public TimeSpan Step => TimeSpan.FromSeconds(StepSeconds);

    /// <summary>The instant of value <paramref name="index"/> of <paramref name="line"/> (its own period's time).</summary>
    public DateTimeOffset TimeOf(ReportChartLine line, int index)
    {
        ArgumentNullException.ThrowIfNull(line);
        return (line.IsPrevious ? PreviousStart : Start) + (Step * index);
    }

    [JsonIgnore]
    public ReportChartLine? Current => Lines.FirstOrDefault(l => !l.IsPrevious);

    [JsonIgnore]
    public ReportChartLine? PreviousLine => Lines.FirstOrDefault(l => l.IsPrevious);
}

/// <summary>One line of a stored chart: <paramref name="Period"/> is <c>current</c> or <c>previous</c>.</summary>
public sealed record ReportChartLine(string Name, string Period, IReadOnlyList<double?> Values)
{
    public const string CurrentPeriod = "current";
    public const string PreviousPeriod = "previous";

    [JsonIgnore]
    public bool IsPrevious => Period == PreviousPeriod;
}

/// <summary>A horizontal target line (SLA, latency target, alert level) in the chart's unit; critical lines are alert levels.</summary>
public sealed record ReportChartTarget(double Value, string Label, bool Critical);

/// <summary>
/// Which of the dashboard's chart lines a report keeps, at which step, and the target lines drawn on them. The PromQL
/// is the charts' own (<see cref="ChartCatalog"/> and <see cref="ChartQueries"/>), so a report's chart and the live
/// chart read the same expression.
/// </summary>
public static class ReportChartPlan
{
    /// <summary>The step of a period up to one day long (daily and on-demand reports): 217 values over 18 hours.</summary>
    public static readonly TimeSpan ShortStep = TimeSpan.FromMinutes(5);

    /// <summary>The step of a longer period (weekly reports): 229 values Monday–Friday 18:00, 337 over a full week.</summary>
    public static readonly TimeSpan LongStep = TimeSpan.FromMinutes(30);

    /// <summary>A chart kept with a report: the dashboard chart and the index of its line, the axis unit, the targets.</summary>
    public sealed record Entry(string Key, string Title, string Unit, int LineIndex, Func<ThresholdOptions, IReadOnlyList<ReportChartTarget>> Targets)
    {
        public ChartLine Line => ChartCatalog.Charts[Key].Lines[LineIndex];
    }

    public static IReadOnlyList<Entry> Charts { get; } =
    [
        new(ChartKeys.Throughput, "Requests per second", "requests/s", 0, t =>
        [
            new(t.SustainedRps, "sustained capacity " + FigureFormat.Rate(t.SustainedRps), false),
            new(t.PeakRps, "peak capacity " + FigureFormat.Rate(t.PeakRps), true),
        ]),
        new(ChartKeys.Latency, "Latency p95", "ms", 1, t =>
        [
            new(t.LatencyP95Ms, "p95 target " + FigureFormat.Milliseconds(t.LatencyP95Ms), false),
        ]),
        new(ChartKeys.Errors, "5xx ratio", "% of requests", 0, t =>
        [
            new(t.ErrorRatioTarget * 100, "SLA " + FigureFormat.Percent(t.SlaTarget, 1) + ": 5xx ≤ " + FigureFormat.Percent(t.ErrorRatioTarget, 1), false),
            new(t.ErrorRatioCritical * 100, "HighErrorRate alert " + FigureFormat.Percent(t.ErrorRatioCritical, 1), true),
        ]),
        new(ChartKeys.Pods, "Pods running", "pods", 0, _ => []),
    ];

    /// <summary>The step of <paramref name="period"/>'s charts: 5 minutes up to a day, 30 minutes beyond.</summary>
    public static TimeSpan StepOf(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Length <= TimeSpan.FromDays(1) ? ShortStep : LongStep;
    }

    /// <summary>The range window of <paramref name="period"/>: its exact start and end (both whole steps since the epoch
    /// for every report kind: periods start at 00:00 ART and end on the minute) and the charts' rate-window rule.</summary>
    public static RangeWindow Window(ReportPeriod period, TimeSpan scrapeInterval)
    {
        ArgumentNullException.ThrowIfNull(period);
        var step = StepOf(period);
        var start = Floor(period.Start, step);
        var end = Floor(period.End, step);
        return new RangeWindow(start, end < start ? start : end, step, RangeStep.RateWindow(step, scrapeInterval));
    }

    /// <summary>Name of the previous period's line in the legend ("p95, day before").</summary>
    public static string PreviousName(string name, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return name + (period.Kind is ReportKind.Daily or ReportKind.OnDemand ? ", day before" : ", week before");
    }

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan step)
    {
        var ms = at.ToUnixTimeMilliseconds();
        var unit = (long)step.TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds(ms - (((ms % unit) + unit) % unit));
    }
}
