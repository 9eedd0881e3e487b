using System.Reflection;
using Npgsql;

namespace BarberPro.Core.Tests.Bookings;

/// <summary>A fresh booking database with db/booking/*.sql applied (as embedded in Core), on the real PostgreSQL.</summary>
public sealed class BookingDatabaseFixture : IAsyncLifetime
{
    private string? _admin;

    public string Name { get; } = "t_bookings_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _admin = Environment.GetEnvironmentVariable("BARBERPRO_PG_ADMIN") is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException("BARBERPRO_PG_ADMIN is not set: run scripts/test.sh (or source $STACK_DIR/env).");
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = Name }.ConnectionString;
        await using var db = await OpenAsync();
        foreach (var sql in SchemaScripts())
        {
            await ExecuteAsync(db, sql);
        }
    }

    public async Task DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
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
