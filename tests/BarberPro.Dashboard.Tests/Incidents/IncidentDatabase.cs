using BarberPro.Core.Incidents;
using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Incidents;

/// <summary>A fresh, migrated dashboard database on the real PostgreSQL with two users (an Operator and a Viewer), for the incident tests.</summary>
public sealed class IncidentDatabase : IAsyncLifetime
{
    public const string AnaId = "u-ana";
    public const string Ana = "ana@barberpro.example";
    public const string AnaName = "Ana Operator";
    public const string VicId = "u-vic";
    public const string Vic = "vic@barberpro.example";
    public const string VicName = "Víctor Viewer";

    private TestDatabase _database = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public IncidentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("incidents");
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        await using var users = DataSource.CreateCommand("""
            INSERT INTO dashboard.users ("Id", "DisplayName", "IsDisabled", "CreatedAt", "UserName", "NormalizedUserName", "Email",
                "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ($1, $2, false, now(), $3, upper($3), $3, true, false, false, false, 0),
                   ($4, $5, false, now(), $6, upper($6), $6, true, false, false, false, 0)
            """);
        foreach (var value in new object[] { AnaId, AnaName, Ana, VicId, VicName, Vic })
        {
            users.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await users.ExecuteNonQueryAsync();
        Store = new IncidentStore(DataSource);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    public async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Appends an alert transition as the alert reader would.</summary>
    public async Task AddTransitionAsync(string fingerprint, string alertname, DateTimeOffset episodeStart, string state, DateTimeOffset at, string detail = "")
    {
        await using var command = DataSource.CreateCommand("""
            INSERT INTO dashboard.alert_transitions (fingerprint, alertname, severity, labels, episode_start, state, detail, at, duration)
            VALUES ($1, $2, 'critical', '{}'::jsonb, $3, $4, $5, $6, CASE WHEN $4 = 'resolved' THEN $6 - $3 END)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        command.Parameters.Add(new NpgsqlParameter { Value = alertname });
        command.Parameters.Add(new NpgsqlParameter { Value = episodeStart });
        command.Parameters.Add(new NpgsqlParameter { Value = state });
        command.Parameters.Add(new NpgsqlParameter { Value = detail });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await command.ExecuteNonQueryAsync();
    }
}
