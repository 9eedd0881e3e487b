using BarberPro.Core.Reports;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>
/// Counts the reports gathered. With <c>holdUntilCallers</c>, each call waits until that many have arrived, so two
/// instances are both past their "already stored?" check when they insert: the race the unique key must settle.
/// </summary>
internal sealed class FakeReportSource(int holdUntilCallers = 1) : IReportSource
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>What the next gathering answers (by default <see cref="Content"/>).</summary>
    public Func<ReportPeriod, ReportContent> Make { get; set; } = Content;

    public async Task<ReportContent> GatherAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _calls) >= holdUntilCallers)
        {
            _all.TrySetResult();
        }
        await _all.Task.WaitAsync(cancellationToken);
        return Make(period);
    }

    public static ReportContent Content(ReportPeriod period) => new(
        [
            new ReportFigure(ReportFigureKeys.Availability, "Availability", "Availability (success ratio)", ReportUnits.Ratio, 0.9995, 0.9991, "≥ 99.9 %", true),
            new ReportFigure(ReportFigureKeys.LatencyP95, "Latency", "Latency p95", ReportUnits.Milliseconds, 130, null, "≤ 100 ms", false),
            new ReportFigure(ReportFigureKeys.Bookings, "Bookings", "Bookings made", ReportUnits.Count, null, 12, null, null),
        ],
        [new ReportCity("Córdoba", 12, 10, 123456.78m)],
        [new ReportAlert("HighLatency", 14)],
        [new ReportOpenItem("Daily " + period.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "Evening", "Generate daily performance report", true)],
        [new ReportQuery(ReportFigureKeys.Availability, "current", "prometheus", "1 - (…)", period.End, [new ReportQueryValue(null, 0.9995)], null)],
        [],
        [Throughput(period, [1250, null, 1180.5], [1100, 1120, null])]);

    /// <summary>
    /// <see cref="Content"/> with an incident section: #12 opened 10:00 ART and resolved 10:42 ART, #13 opened 15:00 ART
    /// and still open; 2 opened, 1 resolved, a mean time to resolve of 42 min (the previous period: 1 and 1, 1 h 5 min).
    /// </summary>
    public static ReportContent WithIncidents(ReportPeriod period)
    {
        var content = Content(period);
        return content with
        {
            Figures = [.. content.Figures, .. ReportIncidents.Figures(
                new BarberPro.Core.Incidents.IncidentPeriod([], 2, 1, TimeSpan.FromMinutes(42)),
                new BarberPro.Core.Incidents.IncidentPeriod([], 1, 1, TimeSpan.FromMinutes(65)))],
            Incidents = new ReportIncidentSection(
            [
                new ReportIncident(12, "Checkout failing", "critical", "Ana Operator", period.Start.AddHours(10), period.Start.AddHours(10).AddMinutes(42), true, true),
                new ReportIncident(13, "Slow search", "warning", "Víctor Viewer", period.Start.AddHours(15), null, true, false),
            ]),
        };
    }

    /// <summary>A requests/s chart of three 5-minute steps from the period's start, and the same steps of the previous period.</summary>
    public static ReportChart Throughput(ReportPeriod period, double?[] current, double?[] previous) => new(
        BarberPro.Core.Charts.ChartKeys.Throughput, "Requests per second", "requests/s", period.Start, period.Start.AddMinutes(10), period.Previous.Start, 300,
        [new("requests/s", ReportChartLine.CurrentPeriod, current), new("requests/s, day before", ReportChartLine.PreviousPeriod, previous)],
        [new(8500, "sustained capacity 8,500 rps", false), new(12000, "peak capacity 12,000 rps", true)], null);
}
