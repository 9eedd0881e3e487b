using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BarberPro.Core.Persistence;

/// <summary>
/// Applies the versioned SQL files of <c>db/dashboard/</c> (embedded in this assembly) in name order, each in its
/// own transaction, under a PostgreSQL advisory lock so that several instances starting at once apply each file
/// exactly once. Applied files are recorded with a checksum; a file that changed after it was applied stops start-up,
/// because silently diverging schemas are worse than a failed deploy.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary but fixed: "BPRO" in ASCII.
    private const long AdvisoryLockKey = 0x4250_524F;
    private const string ResourcePrefix = "BarberPro.Core.Persistence.Migrations.";

    public static IReadOnlyList<Migration> EmbeddedMigrations { get; } = LoadEmbedded();

    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, AdvisoryLockKey);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE SCHEMA IF NOT EXISTS dashboard;
                CREATE TABLE IF NOT EXISTS dashboard.schema_migrations (
                    version    text PRIMARY KEY,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now());
                """, cancellationToken);

            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("SELECT version, checksum FROM dashboard.schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var count = 0;
            foreach (var migration in EmbeddedMigrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version} was changed after it was applied (checksum {checksum} in the database, {migration.Checksum} now). Add a new migration instead of editing an applied one.");
                    }
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO dashboard.schema_migrations (version, checksum) VALUES (@v, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                LogApplied(migration.Version);
                count++;
            }
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>
    /// Gives the dashboard's runtime role what it needs and nothing more, on every table the migrations made (run after
    /// <see cref="ApplyAsync"/>, as the migrations role, which owns the schema): use of the schema, rows in and out of
    /// the tables, the identity sequences. No DDL, no other schema; the security audit and the incident timeline are append-only; the migration
    /// record is read-only; the booking mirror and aggregates, which the booking maintainer rebuilds from nothing with
    /// TRUNCATE (BookingAggregator), may be emptied. Re-run at each start, so tables added by later migrations are covered.
    /// </summary>
    public async Task GrantRuntimeAccessAsync(string runtimeRole, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeRole);
        var role = "\"" + runtimeRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            GRANT USAGE ON SCHEMA dashboard TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA dashboard TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA dashboard TO {role};
            REVOKE UPDATE, DELETE ON dashboard.security_audit FROM {role};
            REVOKE UPDATE, DELETE ON dashboard.incident_timeline FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON dashboard.schema_migrations FROM {role};
            GRANT TRUNCATE ON dashboard.booking_rows, dashboard.booking_daily, dashboard.booking_hourly,
                dashboard.booking_customer_months, dashboard.booking_monthly_active,
                dashboard.payment_rows, dashboard.booking_payment_daily TO {role};
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogGranted(runtimeRole);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, long? key = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (key is { } k)
        {
            command.Parameters.AddWithValue("key", k);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            var version = name[ResourcePrefix.Length..^".sql".Length];
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            migrations.Add(new Migration(version, sql, checksum));
        }
        migrations.Sort((a, b) => string.CompareOrdinal(a.Version, b.Version));
        return migrations;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Granted the dashboard's runtime role {Role} row access to the schema")]
    private partial void LogGranted(string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied dashboard migration {Version}")]
    private partial void LogApplied(string version);
}

public sealed record Migration(string Version, string Sql, string Checksum);
