using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Tests.Infrastructure;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Persistence;

/// <summary>A write transaction is durable at commit whatever the server, database or role says.</summary>
public sealed class DurableTransactionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("durable");
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{_database.Name}\" SET synchronous_commit = off", admin);
        await alter.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ADurableTransaction_CommitsSynchronously_OnADatabaseSetToCommitAsynchronously()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal("off", await ShowAsync(connection, null));

        await using (var transaction = await connection.BeginDurableTransactionAsync(CancellationToken.None))
        {
            Assert.Equal("on", await ShowAsync(connection, transaction));
            await transaction.CommitAsync();
        }

        // LOCAL: the pooled connection goes back with the database's own setting.
        Assert.Equal("off", await ShowAsync(connection, null));
    }

    private static async Task<string?> ShowAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        await using var show = new NpgsqlCommand("SHOW synchronous_commit", connection, transaction);
        return (string?)await show.ExecuteScalarAsync();
    }
}
