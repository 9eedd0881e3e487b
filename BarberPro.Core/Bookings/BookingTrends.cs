using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Bookings;

/// <summary>One Argentina day of booking activity (all cities): bookings made, appointments finished and completed with
/// their revenue, settled payments.</summary>
public sealed record BookingDay(DateOnly Day, long Created, long Completed, long Finished, decimal RevenueArs, long PaymentsSucceeded, long PaymentsFailed)
{
    /// <summary>Completed ÷ finished appointments of the day; null when none finished (no data, never 0 %).</summary>
    public double? CompletionRate => Finished == 0 ? null : (double)Completed / Finished;

    /// <summary>Succeeded ÷ settled payments of the day; null when none was settled.</summary>
    public double? PaymentSuccessRate => PaymentsSucceeded + PaymentsFailed == 0 ? null : (double)PaymentsSucceeded / (PaymentsSucceeded + PaymentsFailed);
}

/// <summary>Appointments starting on one ISO weekday (1 = Monday … 7 = Sunday) and Argentina hour over the window.</summary>
public sealed record BookingHeatCell(int Weekday, int Hour, long Appointments);

/// <summary>The booking figures over time: one row per day of the last <see cref="Days"/> (the sparklines) and the
/// weekday × hour appointments of the window (the busiest-hours heatmap).</summary>
public sealed record BookingTrends(DateTimeOffset AsOf, IReadOnlyList<BookingDay> Days, IReadOnlyList<BookingHeatCell> Heat);

/// <summary>
/// Reads <see cref="BookingTrends"/> from the dashboard's booking aggregates (<c>db/dashboard/0006_booking_aggregates.sql</c>)
/// once per reading of the booking figures, whatever the number of viewers: the result is kept until
/// <see cref="BookingFiguresReader.Latest"/> has a newer reading. Singleton.
/// </summary>
public sealed class BookingTrendsReader(NpgsqlDataSource dashboard, BookingFiguresReader figures)
{
    /// <summary>Days in a sparkline.</summary>
    public const int SparklineDays = 14;

    public const string DaysSql = """
        SELECT d.day, coalesce(k.created, 0)::bigint AS created, coalesce(k.completed, 0)::bigint AS completed,
               coalesce(k.finished, 0)::bigint AS finished, coalesce(k.revenue_ars, 0)::numeric AS revenue_ars,
               coalesce(p.succeeded, 0)::bigint AS succeeded, coalesce(p.failed, 0)::bigint AS failed
        FROM (SELECT generate_series(@first_day::date, @last_day::date, interval '1 day')::date AS day) d
        LEFT JOIN (SELECT day, sum(created) AS created, sum(completed) AS completed, sum(completed + cancelled + no_show) AS finished,
                          sum(revenue_ars) AS revenue_ars
                   FROM dashboard.booking_daily WHERE day BETWEEN @first_day AND @last_day GROUP BY day) k ON k.day = d.day
        LEFT JOIN (SELECT day, sum(payments) FILTER (WHERE status = 'succeeded') AS succeeded,
                          sum(payments) FILTER (WHERE status = 'failed') AS failed
                   FROM dashboard.booking_payment_daily WHERE day BETWEEN @first_day AND @last_day GROUP BY day) p ON p.day = d.day
        ORDER BY d.day
        """;

    public const string HeatSql = """
        SELECT extract(isodow FROM day)::integer AS weekday, hour::integer AS hour, sum(starting)::bigint AS appointments
        FROM dashboard.booking_hourly WHERE day BETWEEN @window_start AND @last_day
        GROUP BY 1, 2 ORDER BY 1, 2
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private BookingTrends? _cached;

    /// <summary>The trends as of the latest booking figures (null before their first reading).</summary>
    public async Task<BookingTrends?> GetAsync(CancellationToken cancellationToken)
    {
        if (figures.Latest is not { } latest)
        {
            return null;
        }
        if (_cached is { } cached && cached.AsOf >= latest.AsOf)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.AsOf >= latest.AsOf)
            {
                return again;
            }
            await using var connection = await dashboard.OpenConnectionAsync(cancellationToken);
            var trends = await ReadAsync(connection, latest.Periods, latest.AsOf, cancellationToken);
            _cached = trends;
            return trends;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last <see cref="SparklineDays"/> days up to <paramref name="periods"/>' today, and the heatmap of its window.</summary>
    public static async Task<BookingTrends> ReadAsync(NpgsqlConnection connection, BookingPeriods periods, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(periods);
        var days = new List<BookingDay>(SparklineDays);
        await using (var command = new NpgsqlCommand(DaysSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("first_day", NpgsqlDbType.Date) { TypedValue = periods.Today.AddDays(1 - SparklineDays) });
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("last_day", NpgsqlDbType.Date) { TypedValue = periods.Today });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                days.Add(new BookingDay(reader.GetFieldValue<DateOnly>(reader.GetOrdinal("day")),
                    reader.GetInt64(reader.GetOrdinal("created")), reader.GetInt64(reader.GetOrdinal("completed")),
                    reader.GetInt64(reader.GetOrdinal("finished")), reader.GetDecimal(reader.GetOrdinal("revenue_ars")),
                    reader.GetInt64(reader.GetOrdinal("succeeded")), reader.GetInt64(reader.GetOrdinal("failed"))));
            }
        }
        var heat = new List<BookingHeatCell>();
        await using (var command = new NpgsqlCommand(HeatSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("window_start", NpgsqlDbType.Date) { TypedValue = periods.WindowStart });
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("last_day", NpgsqlDbType.Date) { TypedValue = periods.Today });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                heat.Add(new BookingHeatCell(reader.GetInt32(reader.GetOrdinal("weekday")), reader.GetInt32(reader.GetOrdinal("hour")),
                    reader.GetInt64(reader.GetOrdinal("appointments"))));
            }
        }
        return new BookingTrends(asOf, days, heat);
    }
}
