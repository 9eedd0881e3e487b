using System.Reflection;
using BarberPro.Core.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BarberPro.Core.Tests.Bookings;

/// <summary>
/// On the real PostgreSQL: a fresh booking database with db/booking/*.sql applied (as embedded in Core), and a fresh
/// dashboard database with every migration of db/dashboard, apart as in production (the dashboard writes only to its
/// own).
/// </summary>
public sealed class BookingDatabaseFixture : IAsyncLifetime
{
    private string? _admin;

    public string Name { get; } = "t_bookings_" + Guid.NewGuid().ToString("N")[..12];

    public string DashboardName { get; } = "t_bkdash_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    public string DashboardConnectionString { get; private set; } = "";

    public NpgsqlDataSource Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable("BARBERPRO_PG_ADMIN") is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException("BARBERPRO_PG_ADMIN is not set: run scripts/test.sh (or source $STACK_DIR/env).");
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            foreach (var name in new[] { Name, DashboardName })
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
        DashboardConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = DashboardName }.ConnectionString;
        await using (var db = await OpenAsync())
        {
            foreach (var sql in SchemaScripts())
            {
                await ExecuteAsync(db, sql);
            }
        }
        Dashboard = NpgsqlDataSource.Create(DashboardConnectionString);
        await new MigrationRunner(Dashboard, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }
        await Dashboard.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        foreach (var name in new[] { Name, DashboardName })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>A connection to the booking database as its owner (the booking service's side).</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Empties both databases: no booking, no aggregate, the maintainer's state as on a fresh start.</summary>
    public async Task ResetAsync()
    {
        await using (var db = await OpenAsync())
        {
            await ExecuteAsync(db, "TRUNCATE booking.payments, booking.bookings, booking.customers, booking.providers, booking.shops, booking.services, booking.cities");
        }
        await using var dashboard = await Dashboard.OpenConnectionAsync();
        await ExecuteAsync(dashboard, """
            TRUNCATE dashboard.booking_rows, dashboard.payment_rows, dashboard.booking_cities, dashboard.booking_daily, dashboard.booking_hourly,
                     dashboard.booking_payment_daily, dashboard.booking_customer_months, dashboard.booking_monthly_active;
            UPDATE dashboard.booking_sync_state SET watermark_at = NULL, watermark_id = NULL, caught_up_at = NULL, sweep_next_id = 0, refreshed_at = NULL;
            """);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static IReadOnlyList<string> SchemaScripts()
    {
        var assembly = typeof(BarberPro.Core.Bookings.BookingKpiQueries).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Bookings.Schema.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n))];
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
