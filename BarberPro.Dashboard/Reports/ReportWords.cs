using System.Globalization;
using System.Text.RegularExpressions;
using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Alerts;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// Every word a report's page, PDF and CSV say, in the reader's language (the circuit's or the request's culture). A
/// stored report never changes: its figures, ranges and targets are read as stored, and only the words around them and
/// the number and date formats follow the reader ("99.950 %" / "99,950 %", "Wed 11 Jun 2031" / "mié 11 jun 2031").
/// The figure labels, groups and chart titles are looked up by the stored key (a report stored with a key this version
/// does not know keeps its stored English label); the stored target texts ("≥ 99.9 %", "sustained capacity 8,500 rps")
/// keep their values and get the reader's words and number format. What a source said when it failed (the report's
/// problems, a chart's or the incidents' error) is stored English text and is shown as stored.
/// </summary>
public sealed partial class ReportWords(IStringLocalizer<Strings> l, CultureInfo culture)
{
    /// <summary>The words of the current request or circuit.</summary>
    public ReportWords(IStringLocalizer<Strings> l) : this(l, Languages.Current)
    {
    }

    public CultureInfo Culture => culture;

    /// <summary>Whether the reader's language is English, the language of what a report stores as text.</summary>
    public bool IsEnglish => !Languages.IsSpanish(culture);

    public string this[string key] => l[key];

    public string this[string key, params object[] arguments] => l[key, arguments];

    public string NoData => l["Common_NoData"];

    // The period.

    /// <summary>"Daily performance report, Wed 11 Jun 2031" / "Informe diario de rendimiento, mié 11 jun 2031".</summary>
    public string Title(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind switch
        {
            ReportKind.Daily => l["Reports_TitleDaily", Day(period.FirstDay)],
            ReportKind.WorkWeek => l["Reports_TitleWorkWeek", Day(period.FirstDay), Day(period.LastDay)],
            ReportKind.Week => l["Reports_TitleWeek", Day(period.FirstDay), Day(period.LastDay)],
            _ => l["Reports_TitleOnDemand", Day(period.FirstDay)],
        };
    }

    /// <summary>"Wed 11 Jun 2031 00:00 – 18:00 ART" / "mié 11 jun 2031 00:00 – 18:00 ART".</summary>
    public string Range(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.RangeTextIn(culture);
    }

    public string Day(DateOnly day) => ArgentinaTime.Format(day, "ddd d MMM yyyy", culture);

    /// <summary>"Wed 11 Jun 18:00" / "mié 11 jun 18:00" (Argentina time, without "ART").</summary>
    public string DateTime(DateTimeOffset at) => ArgentinaTime.FormatDateTime(at, culture);

    /// <summary>"Generated Wed 11 Jun 18:00 ART by system; stored as generated. 1 targets met, 1 missed."</summary>
    public string Generated(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return l["Reports_GeneratedLine", DateTime(report.GeneratedAt), Author(report.GeneratedBy), report.Content.PassedCount, report.Content.FailedCount];
    }

    /// <summary>Who generated a report: "system" / "el sistema" for the scheduler, else the Manager's name.</summary>
    public string Author(string generatedBy) => generatedBy == ReportAuthors.System ? l["Reports_System"] : generatedBy;

    /// <summary>"the day before" / "the week before": what the light line of a chart is.</summary>
    public string PreviousPeriod(ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind is ReportKind.Daily or ReportKind.OnDemand ? l["Reports_DayBefore"] : l["Reports_WeekBefore"];
    }

    // Figures.

    /// <summary>The figure's name by its key; the stored label for a key this version does not name.</summary>
    public string Label(ReportFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        string? key = figure.Key switch
        {
            ReportFigureKeys.Availability => "Reports_FigureAvailability",
            ReportFigureKeys.ErrorBudgetSpent => "Reports_FigureErrorBudgetSpent",
            ReportFigureKeys.LatencyAverage => "Reports_FigureLatencyAverage",
            ReportFigureKeys.LatencyP95 => "Reports_FigureLatencyP95",
            ReportFigureKeys.LatencyP99 => "Reports_FigureLatencyP99",
            ReportFigureKeys.RequestsAverage => "Reports_FigureRequestsAverage",
            ReportFigureKeys.RequestsPeak => "Reports_FigureRequestsPeak",
            ReportFigureKeys.ErrorRatio => "Reports_FigureErrorRatio",
            ReportFigureKeys.PodsMin => "Reports_FigurePodsMin",
            ReportFigureKeys.PodsMax => "Reports_FigurePodsMax",
            ReportFigureKeys.PodsAverage => "Reports_FigurePodsAverage",
            ReportFigureKeys.ScaleEvents => "Reports_FigureScaleEvents",
            ReportFigureKeys.AlertsFired => "Reports_FigureAlertsFired",
            ReportFigureKeys.AlertMinutes => "Reports_FigureAlertMinutes",
            ReportFigureKeys.IncidentsOpened => "Reports_FigureIncidentsOpened",
            ReportFigureKeys.IncidentsResolved => "Reports_FigureIncidentsResolved",
            ReportFigureKeys.MeanTimeToResolve => "Reports_FigureMeanTimeToResolve",
            ReportFigureKeys.ComputeCost => "Reports_FigureComputeCost",
            ReportFigureKeys.CostPerBooking => "Reports_FigureCostPerBooking",
            ReportFigureKeys.Bookings => "Reports_FigureBookings",
            ReportFigureKeys.CompletionRate => "Reports_FigureCompletionRate",
            ReportFigureKeys.PaymentSuccess => "Reports_FigurePaymentSuccess",
            ReportFigureKeys.Revenue => "Reports_FigureRevenue",
            ReportFigureKeys.ChecklistCompletion => "Reports_FigureChecklistCompletion",
            ReportFigureKeys.ChecklistOpen => "Reports_FigureChecklistOpen",
            ReportFigureKeys.ChecklistOverdue => "Reports_FigureChecklistOverdue",
            _ => null,
        };
        return key is null ? figure.Label : l[key];
    }

    /// <summary>A group of figures by its stored (English) name; the stored name when this version does not know it.</summary>
    public string Group(string group) => group switch
    {
        "Availability" => l["Reports_GroupAvailability"],
        "Latency" => l["Reports_GroupLatency"],
        "Throughput" => l["Reports_GroupThroughput"],
        "Errors" => l["Reports_GroupErrors"],
        "Scaling" => l["Reports_GroupScaling"],
        "Alerts" => l["Reports_GroupAlerts"],
        ReportIncidents.Group => l["Reports_GroupIncidents"],
        "Cost" => l["Reports_GroupCost"],
        "Bookings" => l["Reports_GroupBookings"],
        "Checklists" => l["Reports_GroupChecklists"],
        _ => group,
    };

    public string Value(ReportFigure figure, double? value)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return value is { } v ? figure.FormatValue(v, culture) : NoData;
    }

    public string Display(ReportFigure figure) => Value(figure, figure?.Value);

    public string PreviousDisplay(ReportFigure figure) => Value(figure, figure?.Previous);

    /// <summary>"+0.15 pt" / "+0,15 pp", "+12", "-1 h 5 min", or "no data".</summary>
    public string Change(ReportFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.ChangeIn(culture, l["Reports_Points"]) ?? NoData;
    }

    /// <summary>"pass" / "cumple", "fail" / "no cumple", or "—" (no target or no data).</summary>
    public string Verdict(ReportFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Passed switch { true => l["Reports_Pass"], false => l["Reports_Fail"], null => "—" };
    }

    /// <summary>The stored target ("≥ 99.9 %", "≤ 1,200 rps", "0") with the reader's number format; "—" when none.</summary>
    public string Target(string? target) => target is null ? "—" : Numbers(target);

    // Charts.

    public string ChartTitle(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Key switch
        {
            ChartKeys.Throughput => l["Reports_ChartThroughput"],
            ChartKeys.Latency => l["Reports_ChartLatency"],
            ChartKeys.Errors => l["Reports_ChartErrors"],
            ChartKeys.Pods => l["Reports_ChartPods"],
            _ => chart.Title,
        };
    }

    /// <summary>The chart's unit: "requests/s" / "solicitudes/s", "% of requests" / "% de solicitudes", "ms", "pods".</summary>
    public string ChartUnit(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return chart.Unit switch
        {
            "requests/s" => l["Reports_UnitRequests"],
            "% of requests" => l["Reports_UnitErrorShare"],
            _ => chart.Unit,
        };
    }

    /// <summary>A value in the chart's unit: "1,250 requests/s" / "1.250 solicitudes/s", "0,125 %", "4,5 pods".</summary>
    public string ChartValue(ReportChart chart, double value)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var number = ReportChartShaper.Number(chart, value, culture);
        return chart.Unit == "% of requests" ? number + " %" : number + " " + ChartUnit(chart);
    }

    /// <summary>A value on the PDF's y axis, whose unit the chart's title says: "13.200", "300 ms", "0,125 %".</summary>
    public string ChartAxisValue(ReportChart chart, double value)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var number = ReportChartShaper.Number(chart, value, culture);
        return chart.Unit switch
        {
            "% of requests" => number + " %",
            "ms" => number + " ms",
            _ => number,
        };
    }

    /// <summary>A target line's label in the reader's words and number format.</summary>
    public string ChartTarget(ReportChartTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var label = target.Label;
        foreach (var (prefix, key) in s_targetPrefixes)
        {
            if (label.StartsWith(prefix, StringComparison.Ordinal))
            {
                return l[key, Numbers(label[prefix.Length..])];
            }
        }
        var alert = AlertTarget().Match(label);
        return alert.Success ? l["Reports_TargetAlert", alert.Groups[1].Value, Numbers(alert.Groups[2].Value)] : Numbers(label);
    }

    /// <summary>The words the chart is drawn with (<see cref="ReportChartShaper.Shape(ReportChart, ReportChartLabels?)"/>).</summary>
    public ReportChartLabels ChartLabels(ReportChart chart, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(period);
        var unit = ChartUnit(chart);
        var previous = period.Kind is ReportKind.Daily or ReportKind.OnDemand ? l["Reports_LineDayBefore", unit] : l["Reports_LineWeekBefore", unit];
        return new(unit, previous, unit, l["Reports_TimeAxis"], l["Reports_ChartNoData"].Value.TrimEnd('.'), [.. chart.Targets.Select(ChartTarget)]);
    }

    /// <summary>"One point every 5 minutes, Argentina time (ART). Dark line: this period; light line: the day before, same hours."</summary>
    public string ChartCaption(ReportChart chart, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return l["Reports_ChartCaption", (int)chart.Step.TotalMinutes, PreviousPeriod(period)];
    }

    /// <summary>
    /// The chart in one sentence, for the card and for screen readers: the highest value and when (ART), the same for
    /// the previous period, or why there is nothing to draw.
    /// </summary>
    public string ChartSummary(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Error is not null)
        {
            return l["Reports_ChartError", chart.Error];
        }
        if (ReportChartShaper.Highest(chart, chart.Current) is not { } now)
        {
            return l["Reports_ChartNoData"];
        }
        return ReportChartShaper.Highest(chart, chart.PreviousLine) is { } before
            ? l["Reports_ChartHighestBoth", ChartValue(chart, now.Value), DateTime(now.At), ChartValue(chart, before.Value), DateTime(before.At)]
            : l["Reports_ChartHighestOnly", ChartValue(chart, now.Value), DateTime(now.At)];
    }

    // Incidents.

    public string IncidentsNotRecorded => l["Reports_IncidentsNotRecorded"];

    public string IncidentsNone => l["Reports_IncidentsNone"];

    /// <summary>"2 opened, 1 resolved in this period. Mean time to resolve: 42 min (previous period: 1 h 5 min)."</summary>
    public string IncidentSummary(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var opened = content.Figure(ReportFigureKeys.IncidentsOpened);
        var resolved = content.Figure(ReportFigureKeys.IncidentsResolved);
        var mean = content.Figure(ReportFigureKeys.MeanTimeToResolve);
        string text = l["Reports_IncidentsCounts", opened is null ? NoData : Display(opened), resolved is null ? NoData : Display(resolved)];
        if (mean is null)
        {
            return text;
        }
        // No mean because nothing was resolved is said so; "no data" is kept for a period that could not be read.
        var now = mean.Value is null && resolved?.Value == 0 ? l["Reports_NoneResolved"] : Display(mean);
        var before = mean.Previous is null && resolved?.Previous == 0 ? l["Reports_NoneResolved"] : PreviousDisplay(mean);
        return text + " " + l["Reports_IncidentsMean", now, before];
    }

    public static string IncidentTitle(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return $"#{incident.Id.ToString(CultureInfo.InvariantCulture)} {incident.Title}";
    }

    public string SeverityWord(string severity) => severity switch
    {
        "critical" => l["Reports_SeverityCritical"],
        "warning" => l["Reports_SeverityWarning"],
        "info" => l["Reports_SeverityInfo"],
        "" => l["Reports_SeverityNone"],
        _ => severity,
    };

    /// <summary>"✖ Critical" / "✖ Crítica": the icon and the word, never the colour alone.</summary>
    public string Severity(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return AlertsPage.SeverityIcon(incident.Severity) + " " + SeverityWord(incident.Severity);
    }

    public string Opened(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return DateTime(incident.OpenedAt) + " ART" + (incident.OpenedInPeriod ? "" : " " + l["Reports_BeforePeriod"]);
    }

    public string Resolved(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.ResolvedAt is { } at ? DateTime(at) + " ART" : l["Reports_IncidentStillOpen"];
    }

    public static string TimeToResolve(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.TimeToResolve is { } span ? FigureFormat.Duration(span) : "—";
    }

    /// <summary>One line for the PDF and the CSV: "#12 Checkout failing · ✖ Critical · lead Ana · opened … ART · resolved … ART (42 min to resolve) · /incidents/12".</summary>
    public string IncidentLine(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Join(" · ", IncidentTitle(incident), Severity(incident), l["Reports_IncidentLead", incident.Lead],
            l["Reports_IncidentOpened", Opened(incident)],
            incident.ResolvedAt is null ? l["Reports_IncidentStillOpen"] : l["Reports_IncidentResolved", Resolved(incident), TimeToResolve(incident)],
            IncidentUrls.Incident(incident.Id));
    }

    // Cities, alerts, open items.

    public string Count(long value) => value.ToString("N0", BarberPro.Core.Costs.Money.NumbersOf(culture));

    public string Ars(decimal value) => "ARS " + value.ToString("N2", BarberPro.Core.Costs.Money.NumbersOf(culture));

    public string Minutes(double value) => value.ToString("N0", BarberPro.Core.Costs.Money.NumbersOf(culture));

    /// <summary>"HighLatency: firing 14 min" / "HighLatency: disparada 14 min".</summary>
    public string AlertLine(ReportAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return l["Reports_AlertFiring", alert.Name, Minutes(alert.FiringMinutes)];
    }

    /// <summary>"Daily 2031-06-11 · Evening: Generate daily performance report (overdue)": the run's title and the items are the checklist's own data.</summary>
    public string OpenItem(ReportOpenItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Run + " · " + item.Section + ": " + item.Title + (item.Overdue ? " " + l["Reports_Overdue"] : "");
    }

    /// <summary>
    /// The numbers of a stored English text ("≥ 99.9 %", "1,200 rps", "0.5 %") rewritten in the reader's format, each with
    /// as many decimals as it was stored with; the rest of the text as it is.
    /// </summary>
    public string Numbers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsEnglish)
        {
            return text;
        }
        var numbers = BarberPro.Core.Costs.Money.NumbersOf(culture);
        return StoredNumber().Replace(text, m =>
        {
            var value = decimal.Parse(m.Value, NumberStyles.Number, CultureInfo.InvariantCulture);
            var decimals = m.Groups["d"].Success ? m.Groups["d"].Value.Length - 1 : 0;
            var grouped = m.Value.Contains(',', StringComparison.Ordinal);
            return value.ToString((grouped ? "N" : "F") + decimals.ToString(CultureInfo.InvariantCulture), numbers);
        });
    }

    private static readonly (string Prefix, string Key)[] s_targetPrefixes =
    [
        ("sustained capacity ", "Reports_TargetSustained"),
        ("peak capacity ", "Reports_TargetPeak"),
        ("p95 target ", "Reports_TargetP95"),
    ];

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?<d>\.\d+)?|\d+(?<d>\.\d+)?")]
    private static partial Regex StoredNumber();

    [GeneratedRegex(@"^(\S+) alert (.+)$")]
    private static partial Regex AlertTarget();
}
