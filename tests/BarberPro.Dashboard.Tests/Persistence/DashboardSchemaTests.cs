using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Persistence;

/// <summary>
/// The schema comes from the SQL files of db/dashboard, the EF model from DashboardDbContext: no tool keeps them in
/// step (EF migrations tooling is not available here), so this test does. It also proves the runner applies each
/// file once, even when several instances start at the same moment.
/// </summary>
public sealed class DashboardSchemaTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("schema");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task EveryEntityOfTheEfModel_MatchesTheMigratedTables_ColumnForColumn()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var columns = await ReadColumnsAsync(dataSource);

        await using var context = new DashboardDbContext(new DbContextOptionsBuilder<DashboardDbContext>().UseNpgsql(dataSource).Options);
        var problems = new List<string>();
        foreach (var entity in context.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var schema = entity.GetSchema() ?? "public";
            var identifier = StoreObjectIdentifier.Table(table, schema);
            var mapped = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(identifier)!;
                mapped.Add(name);
                if (!columns.TryGetValue((schema, table, name), out var column))
                {
                    problems.Add($"{schema}.{table}.{name} ({entity.DisplayName()}.{property.Name}) is not in the migrated schema");
                    continue;
                }
                if (column.Nullable != property.IsColumnNullable(identifier))
                {
                    problems.Add($"{schema}.{table}.{name}: nullable {column.Nullable} in SQL, {property.IsColumnNullable(identifier)} in EF");
                }
                var efType = property.GetColumnType(identifier);
                if (!SameType(efType, column.Type))
                {
                    problems.Add($"{schema}.{table}.{name}: {column.Type} in SQL, {efType} in EF");
                }
            }
            foreach (var ((s, t, c), column) in columns)
            {
                if (s == schema && t == table && !mapped.Contains(c) && !column.Nullable && !column.HasDefault)
                {
                    problems.Add($"{schema}.{table}.{c} is NOT NULL without default but EF does not map it: inserts would fail");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task InstancesStartingTogether_ApplyEachMigrationOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None)));

        Assert.Equal(MigrationRunner.EmbeddedMigrations.Count, applied.Sum());
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM dashboard.schema_migrations");
        Assert.Equal((long)MigrationRunner.EmbeddedMigrations.Count, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task AMigrationEditedAfterItWasApplied_StopsStartUp()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync(CancellationToken.None);
        await using (var tamper = dataSource.CreateCommand("UPDATE dashboard.schema_migrations SET checksum = 'edited' WHERE version = '0001_identity'"))
        {
            await tamper.ExecuteNonQueryAsync();
        }
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync(CancellationToken.None));
        Assert.Contains("0001_identity was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    private static bool SameType(string? efType, string sqlType)
    {
        static string Normalise(string? type) => (type ?? "").ToLowerInvariant()
            .Replace("character varying", "varchar", StringComparison.Ordinal)
            .Replace("timestamp with time zone", "timestamptz", StringComparison.Ordinal);
        var ef = Normalise(efType);
        var sql = Normalise(sqlType);
        return ef == sql;
    }

    private static async Task<Dictionary<(string Schema, string Table, string Column), (string Type, bool Nullable, bool HasDefault)>> ReadColumnsAsync(NpgsqlDataSource dataSource)
    {
        var columns = new Dictionary<(string, string, string), (string, bool, bool)>();
        await using var command = dataSource.CreateCommand("""
            SELECT table_schema, table_name, column_name,
                   data_type || coalesce('(' || character_maximum_length || ')', ''), is_nullable = 'YES',
                   column_default IS NOT NULL OR is_identity = 'YES'
            FROM information_schema.columns
            WHERE table_schema = 'dashboard'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = (reader.GetString(3), reader.GetBoolean(4), reader.GetBoolean(5));
        }
        return columns;
    }
}
