using System.Globalization;
using System.Text;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// A report as CSV (RFC 4180, UTF-8), one row per figure, then one per city, incident and chart step. Columns:
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
/// <para>
/// <b>In the reader's language.</b> The header and the columns holding codes (<c>report_id, kind, period_start,
/// period_end, key, unit, result</c>) are the same in both languages, so a script reads either file the same way. The
/// columns of words (<c>group, label, target, display, previous_display</c>) are written in the language of the person
/// who downloads it. For Spanish (es-AR) the file is what a spreadsheet set to Argentina opens in columns: fields
/// separated by <c>;</c>, numbers with a decimal comma and no thousands separator (<c>0,9995</c>), and a UTF-8 byte order
/// mark so accents read right (the same separator and decimal comma the costs import accepts). English keeps <c>,</c>,
/// a decimal point and no byte order mark.
/// </para>
/// </summary>
public static class ReportCsv
{
    public static readonly string[] Columns =
        ["report_id", "kind", "period_start", "period_end", "group", "key", "label", "unit", "value", "previous", "target", "result", "display", "previous_display"];

    /// <summary>The UTF-8 byte order mark a Spanish file starts with.</summary>
    public const char ByteOrderMark = '\uFEFF';

    public static string Write(Report report, ReportWords words)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(words);
        var spanish = !words.IsEnglish;
        var format = new CsvFormat(spanish ? ';' : ',', spanish ? BarberPro.Core.Costs.Money.NumbersOf(words.Culture) : CultureInfo.InvariantCulture.NumberFormat);
        var csv = new StringBuilder();
        if (spanish)
        {
            csv.Append(ByteOrderMark);
        }
        Line(csv, Columns, format);
        var head = new[]
        {
            report.Id.ToString(CultureInfo.InvariantCulture), report.Period.KindName,
            report.Period.Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            report.Period.End.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        foreach (var f in report.Content.Figures)
        {
            Line(csv, [.. head, words.Group(f.Group), f.Key, words.Label(f), f.Unit, Number(f.Value, format), Number(f.Previous, format),
                f.Target is null ? "" : words.Target(f.Target), f.Passed switch { true => "pass", false => "fail", null => "" },
                words.Display(f), words.PreviousDisplay(f)], format);
        }
        var cities = words["Reports_BookingsByCity"];
        foreach (var city in report.Content.Cities)
        {
            Line(csv, [.. head, cities, "city_bookings", city.City, ReportUnits.Count, city.Bookings.ToString(CultureInfo.InvariantCulture), "", "", "", "", ""], format);
            Line(csv, [.. head, cities, "city_completed", city.City, ReportUnits.Count, city.Completed.ToString(CultureInfo.InvariantCulture), "", "", "", "", ""], format);
            Line(csv, [.. head, cities, "city_revenue_ars", city.City, ReportUnits.Ars, city.RevenueArs.ToString(format.Numbers), "", "", "", "", ""], format);
        }
        foreach (var incident in report.Content.Incidents?.Incidents ?? [])
        {
            Line(csv, [.. head, words.Group(ReportIncidents.Group), "incident", ReportWords.IncidentTitle(incident), ReportUnits.Seconds,
                Number(incident.TimeToResolve?.TotalSeconds, format), "", "", "", words.IncidentLine(incident), ""], format);
        }
        var chartGroup = words["Reports_GroupChart"];
        foreach (var chart in report.Content.Charts ?? [])
        {
            var (current, previous) = (chart.Current, chart.PreviousLine);
            var count = Math.Max(current?.Values.Count ?? 0, previous?.Values.Count ?? 0);
            for (var i = 0; i < count; i++)
            {
                var at = ArgentinaTime.ToArgentina(chart.Start + (chart.Step * i)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
                Line(csv, [.. head, chartGroup, "series_" + chart.Key, at, chart.Unit, Number(At(current, i), format), Number(At(previous, i), format), "", "", "", ""], format);
            }
        }
        return csv.ToString();
    }

    private sealed record CsvFormat(char Separator, NumberFormatInfo Numbers);

    private static double? At(ReportChartLine? line, int index) => line is not null && index < line.Values.Count ? line.Values[index] : null;

    private static string Number(double? value, CsvFormat format) => value is { } v ? v.ToString("R", format.Numbers) : "";

    private static void Line(StringBuilder csv, IReadOnlyList<string> fields, CsvFormat format)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(format.Separator);
            }
            var field = fields[i];
            // A leading =, +, - or @ is left as text by quoting and a leading apostrophe is not added: values are ours,
            // but labels (a city's name) come from the booking database, so formula-looking text is quoted.
            if (field.IndexOfAny([format.Separator, '"', '\n', '\r']) >= 0 || (field.Length > 0 && "=+@".Contains(field[0], StringComparison.Ordinal)))
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
