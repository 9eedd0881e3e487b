using BarberPro.Core.Bookings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Core.Tests.Bookings;

/// <summary>
/// The booking aggregates of the dashboard database against the naive queries over the raw booking tables, on a
/// hand-made marketplace with known answers, after each awkward case: a status changed days later, a reschedule and a
/// city change, deletions, rows committed behind the watermark, a restart after an hour down, two instances. The
/// booking database is only read (BookingDatabase sessions are read-only); the test writes to it as the booking
/// service would, setting updated_at = now() on every change.
/// </summary>
public sealed class BookingAggregatesTests(BookingDatabaseFixture database) : IClassFixture<BookingDatabaseFixture>, IAsyncLifetime
{
    // Wednesday 18 March 2026, 15:00 ART. The ART week started Monday 16 March; the 30-day window on 17 February.
    private static readonly DateTimeOffset s_now = new(2026, 3, 18, 18, 0, 0, TimeSpan.Zero);
    private static readonly BookingPeriods s_periods = BookingPeriods.At(s_now, 30);
    private static readonly BookingOptions s_options = new();

    private const string Reference = """
        INSERT INTO booking.cities (id, name, province) VALUES (1, 'Buenos Aires', 'CABA'), (2, 'Córdoba', 'Córdoba');
        INSERT INTO booking.shops (id, city_id, name, address, opened_at) VALUES (1, 1, 's1', 'a', '2020-01-01Z'), (2, 2, 's2', 'a', '2020-01-01Z');
        INSERT INTO booking.providers (id, shop_id, full_name, joined_at) VALUES (1, 1, 'p1', '2020-01-01Z'), (2, 2, 'p2', '2020-01-01Z');
        INSERT INTO booking.customers (id, city_id, full_name, email, created_at) VALUES
            (1, 1, 'c1', 'c1@x', '2020-01-01Z'), (2, 1, 'c2', 'c2@x', '2020-01-01Z'), (3, 2, 'c3', 'c3@x', '2020-01-01Z');
        INSERT INTO booking.services (id, name, duration_minutes, base_price_ars) VALUES (1, 'Corte', 30, 10000);
        """;

    // Times are ART (-03). Columns: id, city, shop, provider, customer, status, created, starts, completed, price.
    private const string Bookings = """
        INSERT INTO booking.bookings (id, city_id, shop_id, provider_id, customer_id, service_id, status, created_at, starts_at, completed_at, price_ars) VALUES
        -- made today (18 March ART), one of them just after ART midnight (03:10 UTC)
        (1, 1, 1, 1, 1, 1, 'completed', '2026-03-18 00:10-03', '2026-03-18 10:00-03', '2026-03-18 10:30-03', 12000),
        (2, 2, 2, 2, 3, 1, 'confirmed', '2026-03-18 09:00-03', '2026-03-20 19:00-03', NULL, 9000),
        -- made yesterday 23:50 ART (02:50 UTC today): this week, not today
        (3, 1, 1, 1, 2, 1, 'cancelled', '2026-03-17 23:50-03', '2026-03-18 19:00-03', NULL, 11000),
        -- made Monday 16 March: this week
        (4, 1, 1, 1, 1, 1, 'completed', '2026-03-16 08:00-03', '2026-03-16 19:00-03', '2026-03-16 19:40-03', 15000),
        -- made Sunday 15 March 23:59 ART: last week, this month
        (5, 2, 2, 2, 3, 1, 'no_show', '2026-03-15 23:59-03', '2026-03-17 19:15-03', NULL, 8000),
        -- made in February, appointment in the window and in February
        (6, 1, 1, 1, 2, 1, 'completed', '2026-02-20 12:00-03', '2026-02-25 11:00-03', '2026-02-25 11:45-03', 10000),
        -- appointment before the window (16 February), completed: outside the completion rate
        (7, 1, 1, 1, 1, 1, 'completed', '2026-02-10 12:00-03', '2026-02-16 23:30-03', '2026-02-17 00:10-03', 7000),
        -- future appointment today at 21:00 ART, pending: not finished
        (8, 2, 2, 2, 3, 1, 'pending', '2026-03-01 10:00-03', '2026-03-18 21:00-03', NULL, 9500);
        INSERT INTO booking.payments (id, booking_id, status, amount_ars, method, created_at) VALUES
        (1, 1, 'succeeded', 12000, 'card', '2026-03-18 10:31-03'),
        (2, 4, 'succeeded', 15000, 'card', '2026-03-16 19:41-03'),
        (3, 6, 'failed', 10000, 'card', '2026-02-25 11:46-03'),
        (4, 6, 'succeeded', 10000, 'card', '2026-02-25 11:50-03'),
        (5, 3, 'refunded', 11000, 'card', '2026-03-18 00:00-03'),
        (6, 7, 'succeeded', 7000, 'card', '2026-02-16 23:59-03');
        """;

    private const string Aged = """
        UPDATE booking.bookings SET updated_at = now() - interval '1 hour';
        UPDATE booking.payments SET updated_at = now() - interval '1 hour';
        """;

    private const string NewBooking = """
        INSERT INTO booking.bookings (id, city_id, shop_id, provider_id, customer_id, service_id, status, created_at, starts_at, completed_at, price_ars{0}) VALUES
        ({1}, 2, 2, 2, 2, 1, 'confirmed', '2026-03-18 14:00-03', '2026-03-19 10:00-03', NULL, 9000{2});
        """;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        // As if written an hour ago: a refresh's margin re-reads only what the test changes afterwards.
        await WriteAsync(Reference + Bookings + Aged);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task WriteAsync(string sql)
    {
        await using var db = await database.OpenAsync();
        await BookingDatabaseFixture.ExecuteAsync(db, sql);
    }

    private async Task<BookingRefreshResult> RefreshAsync(BookingOptions? options = null)
    {
        await using var bookings = new BookingDatabase(database.ConnectionString, TimeSpan.FromSeconds(5));
        await using var dashboard = await database.Dashboard.OpenConnectionAsync();
        return await new BookingAggregator(bookings, new ManualTimeProvider(s_now), options ?? s_options).RefreshOnceAsync(dashboard, CancellationToken.None);
    }

    private static void AssertSame(BookingFigures expected, BookingFigures actual)
    {
        Assert.Equal(expected with { Strategy = actual.Strategy, Cities = actual.Cities, Hours = actual.Hours }, actual);
        Assert.Equal(expected.Cities, actual.Cities);
        Assert.Equal(expected.Hours, actual.Hours);
    }

    /// <summary>Every figure from the aggregates equals the naive query over the raw tables (and the months of the cost page).</summary>
    private async Task<BookingFigures> AssertAggregatesEqualRawAsync()
    {
        await using var booking = await database.OpenAsync();
        await using var dashboard = await database.Dashboard.OpenConnectionAsync();
        Assert.True(await BookingFiguresReader.AggregatesReadyAsync(dashboard, CancellationToken.None));
        var raw = await BookingFiguresReader.ReadAsync(booking, BookingQueryStrategy.Raw, s_periods, s_now, CancellationToken.None);
        var aggregates = await BookingFiguresReader.ReadAsync(dashboard, BookingQueryStrategy.Aggregates, s_periods, s_now, CancellationToken.None);
        AssertSame(raw, aggregates);
        foreach (var month in new[] { new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1) })
        {
            Assert.Equal(
                await BookingFiguresReader.ReadMonthAsync(booking, BookingQueryStrategy.Raw, month, CancellationToken.None),
                await BookingFiguresReader.ReadMonthAsync(dashboard, BookingQueryStrategy.Aggregates, month, CancellationToken.None));
        }
        return aggregates;
    }

    private async Task<DateTime> WatermarkAsync()
    {
        await using var dashboard = await database.Dashboard.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT watermark_at FROM dashboard.booking_sync_state WHERE source = 'bookings'", dashboard);
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task FirstRefresh_FromNothing_GivesTheHandCountedFigures()
    {
        var result = await RefreshAsync();

        Assert.Equal(8, result.BookingsRead);
        Assert.Equal(6, result.PaymentsRead);
        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(BookingQueryStrategy.Aggregates, f.Strategy);
        Assert.Equal(2, f.BookingsToday);
        Assert.Equal(4, f.BookingsThisWeek);
        // Appointments 17 Feb .. 18 Mar with a final status: 1, 3, 4, 5, 6 → completed 1, 4, 6.
        Assert.Equal(3, f.CompletedInWindow);
        Assert.Equal(5, f.FinishedInWindow);
        // Payments 17 Feb .. 18 Mar: succeeded 1, 2, 4; failed 3; refunded 5 is not a settled attempt.
        Assert.Equal(3, f.PaymentsSucceededInWindow);
        Assert.Equal(1, f.PaymentsFailedInWindow);
        // Made in March: bookings 1-5 by customers 1, 3, 2.
        Assert.Equal(3, f.ActiveUsersThisMonth);
        Assert.Equal([new CityBookings("Buenos Aires", 3, 2, 27000m), new CityBookings("Córdoba", 3, 0, 0m)], f.Cities);
        // Appointment hours in the window (ART): 10 (#1), 19 (#3, #4, #5 at 19:15), 11 (#6), 21 (#8).
        Assert.Equal(3, f.Hours[19].Appointments);
        Assert.Equal(6, f.Hours.Sum(h => h.Appointments));
        Assert.Equal(19, f.BusiestHour!.Hour);
    }

    [Fact]
    public async Task StatusChangedDaysLater_LeavesItsOldBucketAndJoinsTheNewOne()
    {
        await RefreshAsync();
        await WriteAsync("""
            UPDATE booking.bookings SET status = 'completed', completed_at = starts_at + interval '30 minutes', updated_at = now() WHERE id = 5;
            UPDATE booking.bookings SET status = 'cancelled', completed_at = NULL, updated_at = now() WHERE id = 6;
            UPDATE booking.payments SET status = 'failed', updated_at = now() WHERE id = 2;
            """);

        await RefreshAsync();

        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(2, f.PaymentsFailedInWindow);
        await using var dashboard = await database.Dashboard.OpenConnectionAsync();
        // February lost #6's completion and revenue; March gained #5's.
        Assert.Equal(new BookingMonth(new DateOnly(2026, 2, 1), 2, 1, 7000m),
            await BookingFiguresReader.ReadMonthAsync(dashboard, BookingQueryStrategy.Aggregates, new DateOnly(2026, 2, 1), CancellationToken.None));
        Assert.Equal(new BookingMonth(new DateOnly(2026, 3, 1), 3, 3, 35000m),
            await BookingFiguresReader.ReadMonthAsync(dashboard, BookingQueryStrategy.Aggregates, new DateOnly(2026, 3, 1), CancellationToken.None));
    }

    [Fact]
    public async Task RescheduledMovedAndCancelled_KeepTheFiguresExact()
    {
        await RefreshAsync();
        await WriteAsync("""
            UPDATE booking.bookings SET city_id = 2, customer_id = 3, starts_at = '2026-03-18 11:00-03',
                completed_at = '2026-03-18 11:30-03', updated_at = now() WHERE id = 4;
            UPDATE booking.bookings SET status = 'cancelled', updated_at = now() WHERE id = 2;
            """);

        await RefreshAsync();

        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(new CityBookings("Córdoba", 4, 1, 15000m), f.Cities.Single(c => c.City == "Córdoba"));
        Assert.Equal(2, f.Hours[19].Appointments); // #4 left 19:00 for 11:00
        Assert.Equal(3, f.ActiveUsersThisMonth);
    }

    [Fact]
    public async Task DeletedBookingAndPayment_AreRemovedByTheSweep()
    {
        await RefreshAsync();
        await RefreshAsync();
        await WriteAsync("""
            DELETE FROM booking.payments WHERE booking_id = 1;
            DELETE FROM booking.bookings WHERE id = 1;
            """);

        var result = await RefreshAsync();

        Assert.Equal(1, result.BookingsRepaired);
        Assert.Equal(1, result.PaymentsRepaired);
        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(1, f.BookingsToday);
        Assert.Equal(3, f.ActiveUsersThisMonth); // customer 1 still has #4 in March
        Assert.Equal(2, f.PaymentsSucceededInWindow);
    }

    [Fact]
    public async Task RowCommittedBehindTheWatermark_IsReadWithinTheMarginOrRepairedByTheSweep()
    {
        await RefreshAsync();

        // A transaction that started (updated_at = now() at its start) before rows committed after it: the refresh in
        // between sees the later row and moves the watermark past the first, which the margin still reads.
        await using (var slow = await database.OpenAsync())
        {
            await using var transaction = await slow.BeginTransactionAsync();
            await BookingDatabaseFixture.ExecuteAsync(slow, string.Format(System.Globalization.CultureInfo.InvariantCulture, NewBooking, "", 9, ""));
            await Task.Delay(20);
            await WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewBooking, "", 10, ""));
            var before = await RefreshAsync();
            Assert.True(before.BookingsRead > 0);
            Assert.Equal(3, (await AssertAggregatesEqualRawAsync()).BookingsToday);
            await transaction.CommitAsync();
        }
        var watermark = await WatermarkAsync();
        var late = await RefreshAsync();
        Assert.Equal(1, late.BookingsRead); // only the late row: the margin is compared by (id, updated_at) first
        Assert.Equal(0, late.BookingsRepaired);
        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(4, f.BookingsToday);

        // Later than the margin (a transaction of two hours): the sweep finds it.
        await WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewBooking, ", updated_at", 11,
            $", '{watermark.AddHours(-2):yyyy-MM-dd HH:mm:ss.ffffff}Z'"));
        var repaired = await RefreshAsync();
        Assert.Equal(1, repaired.BookingsRepaired);
        f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(5, f.BookingsToday);
    }

    [Fact]
    public async Task Restart_AfterAnHourDown_CatchesUpFromTheWatermark()
    {
        await RefreshAsync();
        // An hour of changes while no dashboard runs: updated_at spread over the hour after the watermark.
        await WriteAsync("""
            UPDATE booking.bookings SET status = 'completed', completed_at = starts_at + interval '40 minutes', updated_at = now() + interval '10 minutes' WHERE id = 8;
            UPDATE booking.bookings SET status = 'cancelled', updated_at = now() + interval '30 minutes' WHERE id = 2;
            UPDATE booking.payments SET status = 'refunded', updated_at = now() + interval '50 minutes' WHERE id = 1;
            """);
        await WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewBooking, ", updated_at", 12, ", now() + interval '55 minutes'"));

        var result = await RefreshAsync(new BookingOptions { WatermarkMargin = TimeSpan.Zero });

        // With no margin: exactly what changed in the hour.
        Assert.Equal(3, result.BookingsRead);
        Assert.Equal(1, result.PaymentsRead);
        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(3, f.BookingsToday);
        Assert.Equal(2, f.PaymentsSucceededInWindow);
    }

    [Fact]
    public async Task TwoInstances_OneMaintainsTheOtherTakesOverWhenItStops_NoDoubleCounting()
    {
        await using var bookingsA = new BookingDatabase(database.ConnectionString, TimeSpan.FromSeconds(5));
        await using var bookingsB = new BookingDatabase(database.ConnectionString, TimeSpan.FromSeconds(5));
        // Separate pools, as two processes would have.
        await using var dashboardA = NpgsqlDataSource.Create(database.DashboardConnectionString + ";Application Name=a");
        await using var dashboardB = NpgsqlDataSource.Create(database.DashboardConnectionString + ";Application Name=b");
        var a = new BookingAggregatorService(dashboardA, bookingsA, TimeProvider.System, Options.Create(s_options), NullLogger<BookingAggregatorService>.Instance);
        using var b = new BookingAggregatorService(dashboardB, bookingsB, TimeProvider.System, Options.Create(s_options), NullLogger<BookingAggregatorService>.Instance);

        Assert.NotNull(await a.TickAsync(CancellationToken.None));
        Assert.Null(await b.TickAsync(CancellationToken.None));
        await WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewBooking, "", 13, ""));
        Assert.Null(await b.TickAsync(CancellationToken.None));
        Assert.NotNull(await a.TickAsync(CancellationToken.None));
        Assert.True(a.IsMaintainer);
        Assert.False(b.IsMaintainer);

        a.Dispose(); // the process stops: its connection, and with it the lock, goes
        await WriteAsync("UPDATE booking.bookings SET status = 'completed', completed_at = starts_at + interval '30 minutes', updated_at = now() WHERE id = 8");
        Assert.NotNull(await b.TickAsync(CancellationToken.None));
        Assert.NotNull(await b.TickAsync(CancellationToken.None));

        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(3, f.BookingsToday);
        Assert.Equal(4, f.CompletedInWindow);
    }

    [Fact]
    public async Task InsertedOrCompletedBooking_ShowsInTheFiguresAfterOneRefresh()
    {
        await using var bookings = new BookingDatabase(database.ConnectionString, TimeSpan.FromSeconds(5));
        var clock = new ManualTimeProvider(s_now);
        var options = Options.Create(s_options);
        using var service = new BookingAggregatorService(database.Dashboard, bookings, clock, options, NullLogger<BookingAggregatorService>.Instance);
        var reader = new BookingFiguresReader(database.Dashboard, bookings, clock, options);

        await Assert.ThrowsAsync<BookingAggregatesNotReadyException>(() => reader.ReadAsync(CancellationToken.None));
        await service.TickAsync(CancellationToken.None);
        var before = await reader.ReadAsync(CancellationToken.None);
        await WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, NewBooking, "", 14, ""));
        await WriteAsync("UPDATE booking.bookings SET status = 'completed', completed_at = starts_at + interval '30 minutes', updated_at = now() WHERE id = 8");
        await service.TickAsync(CancellationToken.None);
        var after = await reader.ReadAsync(CancellationToken.None);

        Assert.Equal((2, 3), (before.BookingsToday, before.CompletedInWindow));
        Assert.Equal((3, 4), (after.BookingsToday, after.CompletedInWindow));
        Assert.Equal(9500m, after.RevenueThisMonthArs - before.RevenueThisMonthArs);
    }

    [Fact]
    public async Task BookingDatabase_AfterRefreshes_HoldsNoDashboardObject()
    {
        await RefreshAsync();
        await RefreshAsync();

        await using var db = await database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal),
                   (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'booking'),
                   (SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'm', 'v', 'p'))
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(0L, reader.GetInt64(0));
        Assert.Equal(0L, reader.GetInt64(1));
        Assert.Equal("bookings,cities,customers,payments,providers,services,shops", reader.GetString(2));
    }

    [Fact]
    public async Task SchemaScripts_AppliedTwice_AreIdempotent()
    {
        await using (var db = await database.OpenAsync())
        {
            foreach (var sql in BookingDatabaseFixture.SchemaScripts())
            {
                await BookingDatabaseFixture.ExecuteAsync(db, sql);
            }
        }
        await RefreshAsync();

        var f = await AssertAggregatesEqualRawAsync();
        Assert.Equal(2, f.BookingsToday);
    }

    [Fact]
    public async Task BookingDatabase_Sessions_AreReadOnly()
    {
        await using var bookingDatabase = new BookingDatabase(database.ConnectionString, TimeSpan.FromSeconds(5));
        await using var connection = await bookingDatabase.OpenAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            BookingDatabaseFixture.ExecuteAsync(connection, "DELETE FROM booking.payments"));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, error.SqlState);
    }

    [Fact]
    public async Task BookingDatabase_NotConfigured_RefusesToOpenWithTheSettingsName()
    {
        await using var bookingDatabase = new BookingDatabase(null, TimeSpan.FromSeconds(5));

        Assert.False(bookingDatabase.IsConfigured);
        var error = await Assert.ThrowsAsync<BookingDatabaseNotConfiguredException>(() => bookingDatabase.OpenAsync(CancellationToken.None).AsTask());
        Assert.Contains("ConnectionStrings:Bookings", error.Message, StringComparison.Ordinal);
    }
}
