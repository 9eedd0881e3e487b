using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Reports;

/// <summary>
/// The one list of what a report asks. PromQL comes from <see cref="PanelQueryCatalog"/> (the panels' own queries,
/// rendered with the period as the window), so a report and a tile read the same expression; the SQL reads the booking
/// aggregates of the dashboard database (<c>db/dashboard/0006_booking_aggregates.sql</c>) per Argentina day.
/// </summary>
public static class ReportQueries
{
    /// <summary>How a figure's PromQL is rendered: the catalog key and whether the period fills {{rate}} or {{window}}.</summary>
    public sealed record PromQuery(string FigureKey, string CatalogKey, bool PeriodIsRate, bool InstantRate = false);

    public static IReadOnlyList<PromQuery> Prometheus { get; } =
    [
        new(ReportFigureKeys.Availability, PanelQueryKeys.AvailabilityRatio, PeriodIsRate: false),
        new(ReportFigureKeys.LatencyAverage, PanelQueryKeys.LatencyAverage, PeriodIsRate: true),
        new(ReportFigureKeys.LatencyP95, PanelQueryKeys.LatencyP95, PeriodIsRate: true),
        new(ReportFigureKeys.LatencyP99, PanelQueryKeys.LatencyP99, PeriodIsRate: true),
        new(ReportFigureKeys.RequestsAverage, PanelQueryKeys.RequestsPerSecond, PeriodIsRate: true),
        new(ReportFigureKeys.RequestsPeak, PanelQueryKeys.RequestsPerSecondPeak, PeriodIsRate: false, InstantRate: true),
        new(ReportFigureKeys.ErrorRatio, PanelQueryKeys.ErrorRatio5xx, PeriodIsRate: true),
        new(ReportFigureKeys.PodsMin, PanelQueryKeys.PodsMin, PeriodIsRate: false),
        new(ReportFigureKeys.PodsMax, PanelQueryKeys.PodsMax, PeriodIsRate: false),
        new(ReportFigureKeys.PodsAverage, PanelQueryKeys.PodsAverage, PeriodIsRate: false),
        new(ReportFigureKeys.ScaleEvents, PanelQueryKeys.ScaleEventCount, PeriodIsRate: false),
        new(ReportFigureKeys.AlertMinutes, PanelQueryKeys.AlertFiringMinutes, PeriodIsRate: false),
    ];

    /// <summary>The shortest rate window of the peak: a report's peak is the highest one-minute average (or the panels'
    /// instant window when that is longer), so one scrape's jitter is not a peak.</summary>
    public static readonly TimeSpan PeakRateWindow = TimeSpan.FromMinutes(1);

    /// <summary>The arguments of <paramref name="query"/> over a period of <paramref name="length"/>.</summary>
    public static PanelQueryArguments Arguments(PromQuery query, TimeSpan length, TimeSpan instantRate)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.PeriodIsRate
            ? new PanelQueryArguments { Rate = length }
            : new PanelQueryArguments { Window = length, Rate = query.InstantRate ? (instantRate > PeakRateWindow ? instantRate : PeakRateWindow) : null };
    }

    public const string BookingsKey = "bookings_period";
    public const string PaymentsKey = "payments_period";
    public const string CitiesKey = "cities_period";
    public const string IncidentsKey = "incidents_period";

    /// <summary>Bookings made, appointments completed, appointments finished (completed, cancelled, no-show), revenue ARS.</summary>
    public const string BookingsSql = """
        SELECT coalesce(sum(created), 0)::bigint, coalesce(sum(completed), 0)::bigint,
               coalesce(sum(completed + cancelled + no_show), 0)::bigint, coalesce(sum(revenue_ars), 0)::numeric
        FROM dashboard.booking_daily WHERE day BETWEEN @first_day AND @last_day
        """;

    public const string PaymentsSql = """
        SELECT coalesce(sum(payments) FILTER (WHERE status = 'succeeded'), 0)::bigint,
               coalesce(sum(payments) FILTER (WHERE status = 'failed'), 0)::bigint
        FROM dashboard.booking_payment_daily WHERE day BETWEEN @first_day AND @last_day
        """;

    public const string CitiesSql = """
        SELECT c.name, coalesce(k.created, 0)::bigint, coalesce(k.completed, 0)::bigint, coalesce(k.revenue_ars, 0)::numeric
        FROM dashboard.booking_cities c
        LEFT JOIN (SELECT city_id, sum(created) AS created, sum(completed) AS completed, sum(revenue_ars) AS revenue_ars
                   FROM dashboard.booking_daily WHERE day BETWEEN @first_day AND @last_day GROUP BY city_id) k
               ON k.city_id = c.id
        ORDER BY 4 DESC, c.name
        """;
}
