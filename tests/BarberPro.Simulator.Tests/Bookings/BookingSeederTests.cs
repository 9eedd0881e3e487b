using BarberPro.Simulator.Bookings;
using BarberPro.Simulator.Tests.Support;
using Npgsql;

namespace BarberPro.Simulator.Tests.Bookings;

/// <summary>
/// Against the real PostgreSQL of the test stack. Seeds a throwaway database next to barberpro_booking (the
/// writer is a superuser), so tests of other projects reading the booking database are not disturbed.
/// </summary>
public sealed class BookingSeederTests : IAsyncLifetime
{
    private const string Variable = "BARBERPRO_BOOKING_DB_WRITER";
    private string _connectionString = "";
    private string _adminConnectionString = "";
    private string _database = "";

    public async Task InitializeAsync()
    {
        var writer = Environment.GetEnvironmentVariable(Variable);
        Assert.False(string.IsNullOrWhiteSpace(writer), $"{Variable} is not set: run scripts/test.sh (or source $STACK_DIR/env).");
        _database = "barberpro_booking_seedtest_" + Guid.NewGuid().ToString("N")[..12];
        _adminConnectionString = new NpgsqlConnectionStringBuilder(writer) { Pooling = false }.ConnectionString;
        _connectionString = new NpgsqlConnectionStringBuilder(writer) { Database = _database }.ConnectionString;
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database.Length == 0 || _adminConnectionString.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task SeedAsync_TwiceOnTheSameDatabase_RefillsWithRealisticConsistentData()
    {
        var clock = new ManualTimeProvider();
        var seeder = new BookingSeeder(clock);

        await seeder.SeedAsync(_connectionString, 20_000, 90, CancellationToken.None);
        var result = await seeder.SeedAsync(_connectionString, 30_000, 90, CancellationToken.None);

        Assert.Equal(30_000L, await ScalarAsync<long>("SELECT count(*) FROM booking.bookings"));
        Assert.Equal(result.Payments, await ScalarAsync<long>("SELECT count(*) FROM booking.payments"));
        Assert.Equal(4L, await ScalarAsync<long>("SELECT count(*) FROM booking.cities"));

        var completion = await ScalarAsync<decimal>(
            "SELECT avg((status = 'completed')::int) FROM booking.bookings WHERE status IN ('completed', 'cancelled', 'no_show')");
        Assert.InRange(completion, 0.96m, 0.974m);
        var paymentSuccess = await ScalarAsync<decimal>(
            "SELECT avg((status = 'succeeded')::int) FROM booking.payments WHERE status IN ('succeeded', 'failed')");
        Assert.InRange(paymentSuccess, 0.996m, 0.9995m);

        var buenosAiresShare = await ScalarAsync<decimal>("SELECT avg((city_id = 1)::int) FROM booking.bookings");
        Assert.InRange(buenosAiresShare, 0.54m, 0.62m);
        Assert.Equal(0L, await ScalarAsync<long>(
            "SELECT count(*) FROM booking.bookings WHERE extract(hour FROM starts_at AT TIME ZONE 'America/Argentina/Buenos_Aires') NOT BETWEEN 8 AND 22"));
        var (minPrice, maxPrice) = (await ScalarAsync<decimal>("SELECT min(price_ars) FROM booking.bookings"), await ScalarAsync<decimal>("SELECT max(price_ars) FROM booking.bookings"));
        Assert.InRange(minPrice, 10_000m, 16_000m);
        Assert.InRange(maxPrice, 35_000m, 55_000m);
        Assert.True(await ScalarAsync<DateTime>("SELECT max(created_at) FROM booking.bookings") <= clock.GetUtcNow().UtcDateTime);
        Assert.True(await ScalarAsync<DateTime>("SELECT min(starts_at) FROM booking.bookings") >= clock.GetUtcNow().UtcDateTime.AddDays(-91));
    }

    [Fact]
    public async Task SeedAsync_RowsSkippingForeignKeyTriggers_AreStillConsistent()
    {
        await new BookingSeeder(new ManualTimeProvider()).SeedAsync(_connectionString, 20_000, 30, CancellationToken.None);

        Assert.Equal(20_000L, await ScalarAsync<long>("SELECT count(*) FROM booking.bookings"));
        Assert.True(await ScalarAsync<long>("SELECT count(*) FROM booking.payments") > 0, "the seeder wrote no payment");
        Assert.Equal(0L, await ScalarAsync<long>("""
            SELECT count(*) FROM booking.bookings b
            LEFT JOIN booking.providers p ON p.id = b.provider_id
            LEFT JOIN booking.shops s ON s.id = b.shop_id
            LEFT JOIN booking.customers c ON c.id = b.customer_id
            WHERE p.id IS NULL OR s.id IS NULL OR c.id IS NULL OR p.shop_id <> b.shop_id OR s.city_id <> b.city_id OR c.city_id <> b.city_id
            """));
        Assert.Equal(0L, await ScalarAsync<long>("""
            SELECT count(*) FROM booking.payments pay LEFT JOIN booking.bookings b ON b.id = pay.booking_id
            WHERE b.id IS NULL OR pay.amount_ars <> b.price_ars
            """));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM booking.bookings WHERE status IN ('pending', 'confirmed') AND starts_at <= (SELECT max(created_at) FROM booking.bookings) - interval '2 hours'"));
        // updated_at: each row's last change, never before it was made, never in the future; the index rebuilt after the load.
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM booking.bookings WHERE updated_at < created_at OR updated_at > (SELECT max(created_at) FROM booking.bookings) + interval '1 day'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM booking.bookings WHERE status = 'completed' AND updated_at < least(completed_at, (SELECT max(updated_at) FROM booking.bookings))"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM booking.payments WHERE updated_at <> created_at"));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM pg_indexes WHERE schemaname = 'booking' AND indexname LIKE '%_updated_at'"));
    }

    [Fact]
    public async Task SchemaScripts_ApplyTwice_WithoutError()
    {
        var scripts = BookingSeeder.SchemaScripts();
        Assert.Equal(["001_schema.sql", "002_remove_dashboard_rollups.sql"], scripts.Select(s => s.Name));
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        for (var round = 0; round < 2; round++)
        {
            foreach (var (_, sql) in scripts)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        await using var tables = new NpgsqlCommand("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'booking'", connection);
        Assert.Equal("bookings,cities,customers,payments,providers,services,shops", (string)(await tables.ExecuteScalarAsync())!);

        // Only the (updated_at, id) indexes the dashboard needs to follow changes (README); no trigger, no function.
        await using var indexes = new NpgsqlCommand(
            "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'booking' AND indexname NOT LIKE '%_pkey'", connection);
        Assert.Equal("bookings_updated_at,payments_updated_at", (string)(await indexes.ExecuteScalarAsync())!);
        await using var triggers = new NpgsqlCommand("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal", connection);
        Assert.Equal(0L, (long)(await triggers.ExecuteScalarAsync())!);
    }
}
