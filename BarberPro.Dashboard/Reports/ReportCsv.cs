using System.Globalization;
using System.Text;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// A report as CSV (RFC 4180, UTF-8, culture-invariant numbers with a dot, no thousands separator), one row per figure,
/// then one per city. Columns:
/// <c>report_id, kind, period_start, period_end</c> (UTC, ISO 8601), <c>group, key, label, unit</c>,
/// <c>value, previous</c> (empty when there was no data, never 0), <c>target</c> (text), <c>result</c>
/// (<c>pass</c>, <c>fail</c> or empty), <c>display, previous_display</c> (as the page shows them, "no data" included).
/// City rows have group <c>Bookings by city</c>, key <c>city_bookings</c>/<c>city_completed</c>/<c>city_revenue_ars</c>
/// and the city as label.
/// Chart rows (one per step of each stored chart) have group <c>Chart</c>, key <c>series_</c> + the chart
/// (<c>series_throughput</c>, <c>series_latency</c>, <c>series_errors</c>, <c>series_pods</c>), the point's time in
/// Argentina time as label (ISO 8601 with its offset, <c>2031-06-11T14:05:00-03:00</c>), the chart's unit, the value
/// and the previous period's value at the same step (day or week before; empty where there was no data).
/// Incident rows (one per incident opened or resolved in the period; none in reports stored before incidents were kept
/// with them) have group <c>Incidents</c>, key <c>incident</c>, "#id title" as label, unit <c>s</c>, the time to resolve
/// in seconds as value (empty while it was open at the period's end), and as display the line the PDF prints (severity,
/// lead, opened and resolved in ART, time to resolve, the incident's address). The counts and the mean time to resolve
/// are figure rows (<c>incidents_opened</c>, <c>incidents_resolved</c>, <c>mean_time_to_resolve_s</c> in seconds).
/// </summary>
public static class ReportCsv
{
    public static readonly string[] Columns =
        ["report_id", "kind", "period_start", "period_end", "group", "key", "label", "unit", "value", "previous", "target", "result", "display", "previous_display"];

    public static string Write(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        Line(csv, Columns);
        var head = new[]
        {
            report.Id.ToString(CultureInfo.InvariantCulture), report.Period.KindName,
            report.Period.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            report.Period.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        foreach (var f in report.Content.Figures)
        {
            Line(csv, [.. head, f.Group, f.Key, f.Label, f.Unit, Number(f.Value), Number(f.Previous), f.Target ?? "",
                f.Passed switch { true => "pass", false => "fail", null => "" }, f.Display, f.PreviousDisplay]);
        }
        foreach (var city in report.Content.Cities)
        {
            Line(csv, [.. head, "Bookings by city", "city_bookings", city.City, ReportUnits.Count, city.Bookings.ToString(CultureInfo.InvariantCulture), "", "", "", "", ""]);
            Line(csv, [.. head, "Bookings by city", "city_completed", city.City, ReportUnits.Count, city.Completed.ToString(CultureInfo.InvariantCulture), "", "", "", "", ""]);
            Line(csv, [.. head, "Bookings by city", "city_revenue_ars", city.City, ReportUnits.Ars, city.RevenueArs.ToString(CultureInfo.InvariantCulture), "", "", "", "", ""]);
        }
        foreach (var incident in report.Content.Incidents?.Incidents ?? [])
        {
            Line(csv, [.. head, ReportIncidents.Group, "incident", ReportIncidentText.Title(incident), ReportUnits.Seconds,
                Number(incident.TimeToResolve?.TotalSeconds), "", "", "", ReportIncidentText.Line(incident), ""]);
        }
        foreach (var chart in report.Content.Charts ?? [])
        {
            var (current, previous) = (chart.Current, chart.PreviousLine);
            var count = Math.Max(current?.Values.Count ?? 0, previous?.Values.Count ?? 0);
            for (var i = 0; i < count; i++)
            {
                var at = ArgentinaTime.ToArgentina(chart.Start + (chart.Step * i)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
                Line(csv, [.. head, "Chart", "series_" + chart.Key, at, chart.Unit, Number(At(current, i)), Number(At(previous, i)), "", "", "", ""]);
            }
        }
        return csv.ToString();
    }

    private static double? At(ReportChartLine? line, int index) => line is not null && index < line.Values.Count ? line.Values[index] : null;

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Line(StringBuilder csv, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }
            var field = fields[i];
            // A leading =, +, - or @ is left as text by quoting and a leading apostrophe is not added: values are ours,
            // but labels (a city's name) come from the booking database, so formula-looking text is quoted.
            if (field.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (field.Length > 0 && "=+@".Contains(field[0], StringComparison.Ordinal)))
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }
        csv.Append("\r\n");
    }
}
