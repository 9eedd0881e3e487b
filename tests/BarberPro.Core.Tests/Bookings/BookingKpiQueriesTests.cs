using BarberPro.Core.Bookings;
using Npgsql;

namespace BarberPro.Core.Tests.Bookings;

/// <summary>
/// The booking figures on a hand-made database with known answers, read through the rollups and through the raw
/// tables: both must give exactly those answers, also after updates, deletes and a truncate (the triggers).
/// </summary>
public sealed class BookingKpiQueriesTests(BookingDatabaseFixture database) : IClassFixture<BookingDatabaseFixture>
{
    // Wednesday 18 March 2026, 15:00 ART. The ART week started Monday 16 March; the 30-day window on 17 February.
    private static readonly DateTimeOffset s_now = new(2026, 3, 18, 18, 0, 0, TimeSpan.Zero);
    private static readonly BookingPeriods s_periods = BookingPeriods.At(s_now, 30);

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

    private async Task<(BookingFigures Rollup, BookingFigures Raw)> ReadBothAsync(NpgsqlConnection db)
    {
        Assert.Equal(BookingQueryStrategy.Rollup, await BookingFiguresReader.StrategyAsync(db, CancellationToken.None));
        var rollup = await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Rollup, s_periods, s_now, CancellationToken.None);
        var raw = await BookingFiguresReader.ReadAsync(db, BookingQueryStrategy.Raw, s_periods, s_now, CancellationToken.None);
        return (rollup, raw);
    }

    private static void AssertSame(BookingFigures expected, BookingFigures actual)
    {
        Assert.Equal(expected with { Strategy = actual.Strategy, Cities = actual.Cities, Hours = actual.Hours }, actual);
        Assert.Equal(expected.Cities, actual.Cities);
        Assert.Equal(expected.Hours, actual.Hours);
    }

    [Fact]
    public async Task ReadAsync_KnownBookings_RollupAndRawGiveTheHandCountedFigures()
    {
        await using var db = await database.OpenAsync();
        await BookingDatabaseFixture.ExecuteAsync(db, "TRUNCATE booking.payments, booking.bookings, booking.customers, booking.providers, booking.shops, booking.services, booking.cities");
        await BookingDatabaseFixture.ExecuteAsync(db, Reference);
        await BookingDatabaseFixture.ExecuteAsync(db, Bookings);

        var (rollup, raw) = await ReadBothAsync(db);

        foreach (var f in new[] { rollup, raw })
        {
            Assert.Equal(2, f.BookingsToday);
            Assert.Equal(4, f.BookingsThisWeek);
            // Appointments 17 Feb .. 18 Mar with a final status: 1, 3, 4, 5, 6 → completed 1, 4, 6.
            Assert.Equal(3, f.CompletedInWindow);
            Assert.Equal(5, f.FinishedInWindow);
            Assert.Equal(0.6, f.CompletionRate);
            // Payments 17 Feb .. 18 Mar: succeeded 1, 2, 4; failed 3; refunded 5 is not a settled attempt.
            Assert.Equal(3, f.PaymentsSucceededInWindow);
            Assert.Equal(1, f.PaymentsFailedInWindow);
            // Made in March: bookings 1-5 by customers 1, 3, 2.
            Assert.Equal(3, f.ActiveUsersThisMonth);
            Assert.Equal(
            [
                new CityBookings("Buenos Aires", 3, 2, 27000m),
                new CityBookings("Córdoba", 3, 0, 0m),
            ], f.Cities);
            // Appointment hours in the window (ART): 10 (#1), 19 (#3, #4), 19 (#5 at 19:15), 11 (#6), 21 (#8).
            Assert.Equal(1, f.Hours[10].Appointments);
            Assert.Equal(1, f.Hours[11].Appointments);
            Assert.Equal(3, f.Hours[19].Appointments);
            Assert.Equal(1, f.Hours[21].Appointments);
            Assert.Equal(6, f.Hours.Sum(h => h.Appointments));
            Assert.Equal(19, f.BusiestHour!.Hour);
        }
        AssertSame(raw, rollup);
    }

    [Fact]
    public async Task Triggers_UpdatesDeletesAndTruncate_KeepTheRollupsEqualToTheRawTables()
    {
        await using var db = await database.OpenAsync();
        await BookingDatabaseFixture.ExecuteAsync(db, "TRUNCATE booking.payments, booking.bookings, booking.customers, booking.providers, booking.shops, booking.services, booking.cities");
        await BookingDatabaseFixture.ExecuteAsync(db, Reference);
        await BookingDatabaseFixture.ExecuteAsync(db, Bookings);

        await BookingDatabaseFixture.ExecuteAsync(db, """
            UPDATE booking.bookings SET status = 'completed', completed_at = starts_at + interval '30 minutes' WHERE id = 5;
            UPDATE booking.bookings SET city_id = 2, customer_id = 3 WHERE id = 4;
            UPDATE booking.payments SET status = 'failed' WHERE id = 2;
            DELETE FROM booking.payments WHERE booking_id = 1;
            DELETE FROM booking.bookings WHERE id = 1;
            """);
        var (rollup, raw) = await ReadBothAsync(db);

        AssertSame(raw, rollup);
        Assert.Equal(1, rollup.BookingsToday);
        Assert.Equal(2, rollup.ActiveUsersThisMonth); // customer 1's only March booking is gone
        Assert.Equal(new CityBookings("Córdoba", 4, 2, 23000m), rollup.Cities.Single(c => c.City == "Córdoba"));

        await BookingDatabaseFixture.ExecuteAsync(db, "TRUNCATE booking.payments, booking.bookings");
        var (emptyRollup, emptyRaw) = await ReadBothAsync(db);
        AssertSame(emptyRaw, emptyRollup);
        Assert.Equal(0, emptyRollup.BookingsThisWeek);
        Assert.Null(emptyRollup.CompletionRate);
    }

    [Fact]
    public async Task SchemaScripts_AppliedTwice_AreIdempotentAndKeepTheRollups()
    {
        await using var db = await database.OpenAsync();
        await BookingDatabaseFixture.ExecuteAsync(db, "TRUNCATE booking.payments, booking.bookings, booking.customers, booking.providers, booking.shops, booking.services, booking.cities");
        await BookingDatabaseFixture.ExecuteAsync(db, Reference);
        await BookingDatabaseFixture.ExecuteAsync(db, Bookings);

        foreach (var sql in BookingDatabaseFixture.SchemaScripts())
        {
            await BookingDatabaseFixture.ExecuteAsync(db, sql);
        }
        var (rollup, raw) = await ReadBothAsync(db);

        AssertSame(raw, rollup);
        Assert.Equal(2, rollup.BookingsToday);
    }

    [Fact]
    public async Task ReadMonthAsync_BothStrategies_GiveActiveUsersAndCompletedBookingsOfTheMonth()
    {
        await using (var db = await database.OpenAsync())
        {
            await BookingDatabaseFixture.ExecuteAsync(db, "TRUNCATE booking.payments, booking.bookings, booking.customers, booking.providers, booking.shops, booking.services, booking.cities");
            await BookingDatabaseFixture.ExecuteAsync(db, Reference);
            await BookingDatabaseFixture.ExecuteAsync(db, Bookings);
        }
        await using var bookingDatabase = new BookingDatabase(database.ConnectionString, TimeSpan.FromSeconds(5));
        var reader = new BookingFiguresReader(bookingDatabase, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new BookingOptions()));

        var march = await reader.ReadMonthAsync(new DateOnly(2026, 3, 9), CancellationToken.None);
        var february = await reader.ReadMonthAsync(new DateOnly(2026, 2, 1), CancellationToken.None);

        Assert.Equal(new BookingMonth(new DateOnly(2026, 3, 1), 3, 2, 27000m), march);
        Assert.Equal(new BookingMonth(new DateOnly(2026, 2, 1), 2, 2, 17000m), february);
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
