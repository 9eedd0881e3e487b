using BarberPro.Core.Incidents;

namespace BarberPro.Core.Reports;

/// <summary>
/// An incident opened or resolved in a report's period, as it stood at the period's end: a resolution after the end
/// (a report generated late) is not shown, so a report says what was known when its period closed.
/// </summary>
public sealed record ReportIncident(long Id, string Title, string Severity, string Lead, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt,
    bool OpenedInPeriod, bool ResolvedInPeriod)
{
    /// <summary>From opening to resolution; null while it was open at the period's end.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt is { } at ? at - OpenedAt : null;
}

/// <summary>
/// A report's incident section, stored with it: the incidents opened or resolved in the period (oldest opened first).
/// Their counts and mean time to resolve, against the previous period's, are figures of the report
/// (<see cref="ReportFigureKeys.IncidentsOpened"/>, <see cref="ReportFigureKeys.IncidentsResolved"/>,
/// <see cref="ReportFigureKeys.MeanTimeToResolve"/>). <paramref name="Error"/>: the incidents could not be read.
/// </summary>
public sealed record ReportIncidentSection(IReadOnlyList<ReportIncident> Incidents, string? Error = null);

/// <summary>
/// Turns the incident store's reading of a period (<see cref="IncidentStore.GetPeriodAsync"/>, which computes the
/// counts and the mean time to resolve the same way as the overview's summary) into a report's section and figures.
/// Pure. A period is (start, end], as the store reads it.
/// </summary>
public static class ReportIncidents
{
    public const string Group = "Incidents";

    public static ReportIncidentSection Section(ReportPeriod period, IncidentPeriod incidents)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(incidents);
        return new ReportIncidentSection([.. incidents.Incidents
            .Select(i =>
            {
                var resolvedAt = i.ResolvedAt is { } at && at <= period.End ? at : (DateTimeOffset?)null;
                return new ReportIncident(i.Id, i.Title, i.Severity, i.LeadName, i.OpenedAt, resolvedAt,
                    i.OpenedAt > period.Start && i.OpenedAt <= period.End,
                    resolvedAt is { } r && r > period.Start);
            })
            .Where(i => i.OpenedInPeriod || i.ResolvedInPeriod)
            .OrderBy(i => i.OpenedAt)
            .ThenBy(i => i.Id)]);
    }

    /// <summary>Incidents opened, resolved and their mean time to resolve (seconds), now and in the previous period; null = not read.</summary>
    public static IReadOnlyList<ReportFigure> Figures(IncidentPeriod? now, IncidentPeriod? before) =>
    [
        new(ReportFigureKeys.IncidentsOpened, Group, "Incidents opened", ReportUnits.Count, now?.Opened, before?.Opened, null, null),
        new(ReportFigureKeys.IncidentsResolved, Group, "Incidents resolved", ReportUnits.Count, now?.Resolved, before?.Resolved, null, null),
        new(ReportFigureKeys.MeanTimeToResolve, Group, "Mean time to resolve (incidents resolved in the period)", ReportUnits.Seconds,
            now?.MeanTimeToResolve?.TotalSeconds, before?.MeanTimeToResolve?.TotalSeconds, null, null),
    ];
}
