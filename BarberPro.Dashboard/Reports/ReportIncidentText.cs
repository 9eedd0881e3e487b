using BarberPro.Core.Live;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Alerts;
using BarberPro.Dashboard.Incidents;

namespace BarberPro.Dashboard.Reports;

/// <summary>What a report's page, PDF and CSV say about its incidents, in the same words.</summary>
public static class ReportIncidentText
{
    public const string NotRecorded = "Not recorded: this report was stored before incidents were kept with reports.";
    public const string StillOpen = "still open at the end of the period";
    public const string NoneInPeriod = "No incident was opened or resolved in this period.";

    /// <summary>"2 opened, 1 resolved in this period. Mean time to resolve: 42 min (previous period: 1 h 5 min)."</summary>
    public static string Summary(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var opened = content.Figure(ReportFigureKeys.IncidentsOpened);
        var resolved = content.Figure(ReportFigureKeys.IncidentsResolved);
        var mean = content.Figure(ReportFigureKeys.MeanTimeToResolve);
        var text = $"{opened?.Display ?? ReportFigure.NoData} opened, {resolved?.Display ?? ReportFigure.NoData} resolved in this period.";
        if (mean is null)
        {
            return text;
        }
        // No mean because nothing was resolved is said so; "no data" is kept for a period that could not be read.
        var now = mean.Value is null && resolved?.Value == 0 ? "none resolved" : mean.Display;
        var before = mean.Previous is null && resolved?.Previous == 0 ? "none resolved" : mean.PreviousDisplay;
        return text + $" Mean time to resolve: {now} (previous period: {before}).";
    }

    public static string Title(ReportIncident incident) => $"#{incident.Id} {incident.Title}";

    public static string Severity(ReportIncident incident) =>
        AlertsPage.SeverityIcon(incident.Severity) + " " + AlertsPage.SeverityWord(incident.Severity);

    public static string Opened(ReportIncident incident) =>
        ArgentinaTime.FormatDateTime(incident.OpenedAt) + " ART" + (incident.OpenedInPeriod ? "" : " (before this period)");

    public static string Resolved(ReportIncident incident) =>
        incident.ResolvedAt is { } at ? ArgentinaTime.FormatDateTime(at) + " ART" : StillOpen;

    public static string TimeToResolve(ReportIncident incident) =>
        incident.TimeToResolve is { } span ? FigureFormat.Duration(span) : "—";

    /// <summary>One line for the PDF and the CSV: "#12 Checkout failing · ✖ Critical · lead Ana · opened … ART · resolved … ART · 42 min to resolve · /incidents/12".</summary>
    public static string Line(ReportIncident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Join(" · ", Title(incident), Severity(incident), "lead " + incident.Lead, "opened " + Opened(incident),
            incident.ResolvedAt is null ? StillOpen : "resolved " + Resolved(incident) + " (" + TimeToResolve(incident) + " to resolve)",
            IncidentUrls.Incident(incident.Id));
    }
}
