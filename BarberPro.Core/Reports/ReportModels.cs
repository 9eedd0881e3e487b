using System.Globalization;
using BarberPro.Core.Costs;
using BarberPro.Core.Live;

namespace BarberPro.Core.Reports;

/// <summary>The keys of a report's figures: stored in its jsonb, the CSV's <c>key</c> column and the evidence.</summary>
public static class ReportFigureKeys
{
    public const string Availability = "availability";
    public const string ErrorBudgetSpent = "error_budget_spent";
    public const string LatencyAverage = "latency_avg_ms";
    public const string LatencyP95 = "latency_p95_ms";
    public const string LatencyP99 = "latency_p99_ms";
    public const string RequestsAverage = "rps_avg";
    public const string RequestsPeak = "rps_peak";
    public const string ErrorRatio = "error_ratio_5xx";
    public const string PodsMin = "pods_min";
    public const string PodsMax = "pods_max";
    public const string PodsAverage = "pods_avg";
    public const string ScaleEvents = "scale_events";
    public const string AlertsFired = "alerts_fired";
    public const string AlertMinutes = "alert_firing_minutes";
    public const string IncidentsOpened = "incidents_opened";
    public const string IncidentsResolved = "incidents_resolved";
    public const string MeanTimeToResolve = "mean_time_to_resolve_s";
    public const string ComputeCost = "compute_cost_usd";
    public const string CostPerBooking = "compute_cost_per_booking_usd";
    public const string Bookings = "bookings";
    public const string CompletionRate = "completion_rate";
    public const string PaymentSuccess = "payment_success";
    public const string Revenue = "revenue_ars";
    public const string ChecklistCompletion = "checklist_completion";
    public const string ChecklistOpen = "checklist_open_items";
    public const string ChecklistOverdue = "checklist_overdue_items";
}

/// <summary>The units a report figure is written in (and formatted by).</summary>
public static class ReportUnits
{
    public const string Ratio = "ratio";
    public const string Milliseconds = "ms";
    public const string RequestsPerSecond = "rps";
    public const string Count = "count";
    public const string Pods = "pods";
    public const string Minutes = "min";

    /// <summary>A duration in seconds, shown as "42 min" or "1 h 5 min".</summary>
    public const string Seconds = "s";
    public const string Usd = "usd";
    public const string Ars = "ars";
}

/// <summary>
/// One figure of a report as measured at generation: its value and the previous period's (null = no data, never 0),
/// its target as text and whether it met it (null when it has no target or no data).
/// </summary>
public sealed record ReportFigure(string Key, string Group, string Label, string Unit, double? Value, double? Previous,
    string? Target, bool? Passed)
{
    public const string NoData = "no data";

    public string Display => Format(Value);

    public string PreviousDisplay => Format(Previous);

    /// <summary>"pass", "fail" or "—" (no target or no data).</summary>
    public string Verdict => Passed switch { true => "pass", false => "fail", null => "—" };

    /// <summary>The change against the previous period in the figure's unit ("+1.20 %" for ratios as points), or "no data".</summary>
    public string ChangeText => ChangeIn(CultureInfo.InvariantCulture, "pt") ?? NoData;

    /// <summary>
    /// The change against the previous period with the reader's number format ("+1.20 pt", "+0,15 pp" for ratios as
    /// percentage points, <paramref name="points"/> being the reader's word for them), or null when either period has no data.
    /// </summary>
    public string? ChangeIn(CultureInfo culture, string points)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if ((Value, Previous) is not ({ } v, { } p))
        {
            return null;
        }
        var numbers = Money.NumbersOf(culture);
        return Unit switch
        {
            ReportUnits.Ratio => Signed((v - p) * 100, "0.00", numbers) + " " + points,
            ReportUnits.Seconds => (v > p ? "+" : v < p ? "-" : string.Empty) + FigureFormat.Duration(TimeSpan.FromSeconds(Math.Abs(v - p))),
            _ => Signed(v - p, Unit is ReportUnits.Usd ? "0.00" : Unit is ReportUnits.Milliseconds or ReportUnits.Pods ? "0.0" : "0", numbers),
        };
    }

    public string Format(double? value) => value is { } v ? FormatValue(v, CultureInfo.InvariantCulture) : NoData;

    /// <summary>A value in the figure's unit with the reader's number format: "99.950 %" / "99,950 %", "1,250.5 rps" /
    /// "1.250,5 rps", "US$ 12.50" / "US$ 12,50", "42 min". Units are symbols read the same in both languages.</summary>
    public string FormatValue(double v, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var numbers = Money.NumbersOf(culture);
        return Unit switch
        {
            ReportUnits.Ratio => Money.Percent(v, Key == ReportFigureKeys.Availability ? 3 : 2, culture),
            ReportUnits.Milliseconds => v >= 10 ? v.ToString("N0", numbers) + " ms" : v.ToString("0.0", numbers) + " ms",
            ReportUnits.RequestsPerSecond => v.ToString("N1", numbers) + " rps",
            ReportUnits.Pods => v.ToString("0.0", numbers),
            ReportUnits.Minutes => v.ToString("N0", numbers) + " min",
            ReportUnits.Seconds => FigureFormat.Duration(TimeSpan.FromSeconds(v)),
            ReportUnits.Usd => "US$ " + v.ToString("N2", numbers),
            ReportUnits.Ars => "ARS " + v.ToString("N2", numbers),
            _ => v.ToString("N0", numbers),
        };
    }

    private static string Signed(double d, string format, NumberFormatInfo numbers) =>
        (d > 0 ? "+" : string.Empty) + d.ToString(format, numbers);
}

/// <summary>One query as it ran: PromQL or SQL, the instant it was evaluated at (PromQL) and what it answered.</summary>
/// <param name="Period"><c>current</c> or <c>previous</c>.</param>
/// <param name="Values">The answer: one value, or one per label (alertname, city); empty when there was no data.</param>
public sealed record ReportQuery(string Key, string Period, string Source, string Text, DateTimeOffset? EvaluatedAt,
    IReadOnlyList<ReportQueryValue> Values, string? Error);

public sealed record ReportQueryValue(string? Label, double Value);

public sealed record ReportCity(string City, long Bookings, long Completed, decimal RevenueArs);

/// <summary>An alert that fired in the period and for how many minutes (from Prometheus's ALERTS series).</summary>
public sealed record ReportAlert(string Name, double FiringMinutes);

/// <summary>A checklist item left open in a run of the period; overdue when its section's due time had passed.</summary>
public sealed record ReportOpenItem(string Run, string Section, string Title, bool Overdue);

/// <summary>Everything a report holds, stored as jsonb at generation and never recomputed.</summary>
/// <param name="Charts">The range series drawn on the report's page, PDF and CSV (<see cref="ReportChart"/>); null in
/// reports stored before charts were kept with them (those are shown without charts, never recomputed).</param>
/// <param name="Incidents">The incidents opened or resolved in the period (<see cref="ReportIncidentSection"/>); null in
/// reports stored before incidents were kept with them (shown as "not recorded", never recomputed).</param>
public sealed record ReportContent(
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<ReportCity> Cities,
    IReadOnlyList<ReportAlert> Alerts,
    IReadOnlyList<ReportOpenItem> OpenItems,
    IReadOnlyList<ReportQuery> Queries,
    IReadOnlyList<string> Problems,
    IReadOnlyList<ReportChart>? Charts = null,
    ReportIncidentSection? Incidents = null)
{
    public ReportFigure? Figure(string key) => Figures.FirstOrDefault(f => f.Key == key);

    public int PassedCount => Figures.Count(f => f.Passed == true);

    public int FailedCount => Figures.Count(f => f.Passed == false);
}

/// <summary>A stored report.</summary>
public sealed record Report(long Id, ReportPeriod Period, DateTimeOffset GeneratedAt, string GeneratedBy, ReportContent Content);

/// <summary>A row of the report list.</summary>
public sealed record ReportSummary(long Id, ReportPeriod Period, DateTimeOffset GeneratedAt, string GeneratedBy, int Passed, int Failed);

/// <summary>Who generated a report: the scheduler, or a Manager by name.</summary>
public static class ReportAuthors
{
    public const string System = "system";
}
