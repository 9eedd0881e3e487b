using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Bookings;

/// <summary>One booking figure's SQL. Parameters are named and bound by <see cref="BookingKpiQueries.Bind"/>.</summary>
public sealed record BookingQuery(string Name, string Sql);

/// <summary>
/// The SQL of every booking figure, in two forms that answer the same: over the aggregates in the dashboard's own
/// database (<c>db/dashboard/0006_booking_aggregates.sql</c>, a few hundred rows per figure; what the dashboard reads) and
/// over the raw tables of the booking database (the reference the tests and bench/BookingQueries compare with).
/// </summary>
public static class BookingKpiQueries
{
    public const string Today = "bookings_today";
    public const string Week = "bookings_week";
    public const string Completion = "completion_rate";
    public const string Payments = "payment_success";
    public const string ActiveUsers = "active_users_month";
    public const string Cities = "city_bookings_revenue";
    public const string Hours = "busiest_hours";

    private const string Zone = "'America/Argentina/Buenos_Aires'";

    /// <summary>True once the maintainer has caught up with both booking tables at least once (figures are served then).</summary>
    public const string AggregatesReadySql =
        "SELECT coalesce(bool_and(caught_up_at IS NOT NULL), false) FROM dashboard.booking_sync_state";

    public static IReadOnlyList<BookingQuery> Aggregates { get; } =
    [
        new(Today, "SELECT coalesce(sum(created), 0)::bigint FROM dashboard.booking_daily WHERE day = @today"),
        new(Week, "SELECT coalesce(sum(created), 0)::bigint FROM dashboard.booking_daily WHERE day BETWEEN @week_start AND @today"),
        new(Completion, """
            SELECT coalesce(sum(completed), 0)::bigint, coalesce(sum(completed + cancelled + no_show), 0)::bigint
            FROM dashboard.booking_daily WHERE day BETWEEN @window_start AND @today
            """),
        new(Payments, """
            SELECT coalesce(sum(payments) FILTER (WHERE status = 'succeeded'), 0)::bigint,
                   coalesce(sum(payments) FILTER (WHERE status = 'failed'), 0)::bigint
            FROM dashboard.booking_payment_daily WHERE day BETWEEN @window_start AND @today
            """),
        new(ActiveUsers, "SELECT coalesce((SELECT users FROM dashboard.booking_monthly_active WHERE month = @month_start), 0)::bigint"),
        new(Cities, """
            SELECT c.name, coalesce(k.created, 0)::bigint, coalesce(k.completed, 0)::bigint, coalesce(k.revenue_ars, 0)::numeric
            FROM dashboard.booking_cities c
            LEFT JOIN (SELECT city_id, sum(created) AS created, sum(completed) AS completed, sum(revenue_ars) AS revenue_ars
                       FROM dashboard.booking_daily WHERE day >= @month_start AND day < @next_month GROUP BY city_id) k
                   ON k.city_id = c.id
            ORDER BY 4 DESC, c.name
            """),
        new(Hours, """
            SELECT hour::integer, sum(starting)::bigint FROM dashboard.booking_hourly
            WHERE day BETWEEN @window_start AND @today GROUP BY hour ORDER BY hour
            """),
    ];

    public static IReadOnlyList<BookingQuery> Raw { get; } =
    [
        new(Today, "SELECT count(*) FROM booking.bookings WHERE created_at >= @today_utc AND created_at < @tomorrow_utc"),
        new(Week, "SELECT count(*) FROM booking.bookings WHERE created_at >= @week_start_utc AND created_at < @tomorrow_utc"),
        new(Completion, """
            SELECT count(*) FILTER (WHERE status = 'completed'),
                   count(*) FILTER (WHERE status IN ('completed', 'cancelled', 'no_show'))
            FROM booking.bookings WHERE starts_at >= @window_start_utc AND starts_at < @tomorrow_utc
            """),
        new(Payments, """
            SELECT count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status = 'failed')
            FROM booking.payments WHERE created_at >= @window_start_utc AND created_at < @tomorrow_utc
            """),
        new(ActiveUsers, """
            SELECT count(DISTINCT customer_id) FROM booking.bookings
            WHERE created_at >= @month_start_utc AND created_at < @next_month_utc
            """),
        new(Cities, """
            SELECT c.name,
                   count(b.id) FILTER (WHERE b.created_at >= @month_start_utc AND b.created_at < @next_month_utc),
                   count(b.id) FILTER (WHERE b.status = 'completed' AND b.starts_at >= @month_start_utc AND b.starts_at < @next_month_utc),
                   coalesce(sum(b.price_ars) FILTER (WHERE b.status = 'completed' AND b.starts_at >= @month_start_utc AND b.starts_at < @next_month_utc), 0)::numeric
            FROM booking.cities c
            LEFT JOIN booking.bookings b ON b.city_id = c.id
                 AND ((b.created_at >= @month_start_utc AND b.created_at < @next_month_utc)
                   OR (b.starts_at >= @month_start_utc AND b.starts_at < @next_month_utc))
            GROUP BY c.id, c.name
            ORDER BY 4 DESC, c.name
            """),
        new(Hours, $"""
            SELECT extract(hour FROM starts_at AT TIME ZONE {Zone})::integer, count(*) FROM booking.bookings
            WHERE starts_at >= @window_start_utc AND starts_at < @tomorrow_utc GROUP BY 1 ORDER BY 1
            """),
    ];

    public static IReadOnlyList<BookingQuery> For(BookingQueryStrategy strategy) =>
        strategy == BookingQueryStrategy.Aggregates ? Aggregates : Raw;

    /// <summary>The two figures of one month for the cost page: active users, completed appointments and their revenue.</summary>
    public static string MonthSql(BookingQueryStrategy strategy) => strategy == BookingQueryStrategy.Aggregates
        ? """
          SELECT coalesce((SELECT users FROM dashboard.booking_monthly_active WHERE month = @month_start), 0)::bigint,
                 coalesce(sum(completed), 0)::bigint, coalesce(sum(revenue_ars), 0)::numeric
          FROM dashboard.booking_daily WHERE day >= @month_start AND day < @next_month
          """
        : """
          SELECT (SELECT count(DISTINCT customer_id) FROM booking.bookings
                  WHERE created_at >= @month_start_utc AND created_at < @next_month_utc),
                 count(*), coalesce(sum(price_ars), 0)::numeric
          FROM booking.bookings
          WHERE status = 'completed' AND starts_at >= @month_start_utc AND starts_at < @next_month_utc
          """;

    /// <summary>Binds every period parameter; each query uses the ones it names.</summary>
    public static void Bind(NpgsqlParameterCollection parameters, BookingPeriods periods)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(periods);
        Date(parameters, "today", periods.Today);
        Date(parameters, "week_start", periods.WeekStart);
        Date(parameters, "window_start", periods.WindowStart);
        Date(parameters, "month_start", periods.MonthStart);
        Date(parameters, "next_month", periods.NextMonth);
        Instant(parameters, "today_utc", periods.Today);
        Instant(parameters, "tomorrow_utc", periods.Tomorrow);
        Instant(parameters, "week_start_utc", periods.WeekStart);
        Instant(parameters, "window_start_utc", periods.WindowStart);
        Instant(parameters, "month_start_utc", periods.MonthStart);
        Instant(parameters, "next_month_utc", periods.NextMonth);
    }

    private static void Date(NpgsqlParameterCollection parameters, string name, DateOnly value) =>
        parameters.Add(new NpgsqlParameter<DateOnly>(name, NpgsqlDbType.Date) { TypedValue = value });

    private static void Instant(NpgsqlParameterCollection parameters, string name, DateOnly value) =>
        parameters.Add(new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = BookingPeriods.Utc(value) });
}
