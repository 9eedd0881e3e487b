using Npgsql;

namespace BarberPro.Core.Capacity;

/// <summary>Where the capacity assumptions are kept (an interface so that component tests can stand in for the database).</summary>
public interface ICapacityStore
{
    /// <summary>The latest saves, newest first.</summary>
    Task<IReadOnlyList<SavedAssumptions>> GetHistoryAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="assumptions"/> as in force from now, with who saved them.</summary>
    Task SaveAsync(CapacityAssumptions assumptions, string actor, CancellationToken cancellationToken);
}

/// <summary>
/// The capacity assumptions, append-only: each save is a new row with who saved it, the latest is in force. Before
/// the first save the seeds' defaults apply. Singleton: holds only the data source and the clock.
/// </summary>
public sealed class CapacityStore(NpgsqlDataSource dataSource, TimeProvider time) : ICapacityStore
{
    private const string Columns = "growth_rate, current_users, cost_per_user_usd, manual_review_threshold, months, changed_by, changed_at";

    /// <summary>What applies while nobody has saved assumptions yet.</summary>
    public static SavedAssumptions SeedAssumptions { get; } = new(CapacityAssumptions.Seed, null, null);

    public async Task<IReadOnlyList<SavedAssumptions>> GetHistoryAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM dashboard.capacity_assumptions ORDER BY id DESC LIMIT @limit", connection);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<SavedAssumptions>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SavedAssumptions(
                new CapacityAssumptions(reader.GetDouble(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetInt32(3), reader.GetInt16(4)),
                reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return rows;
    }

    public async Task SaveAsync(CapacityAssumptions assumptions, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assumptions);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO dashboard.capacity_assumptions ({Columns}) VALUES (@g, @u, @c, @t, @m, @by, @at)", connection);
        command.Parameters.AddWithValue("g", assumptions.GrowthRate);
        command.Parameters.AddWithValue("u", assumptions.CurrentUsers);
        command.Parameters.AddWithValue("c", assumptions.CostPerUserUsd);
        command.Parameters.AddWithValue("t", assumptions.ManualReviewThreshold);
        command.Parameters.AddWithValue("m", (short)assumptions.Months);
        command.Parameters.AddWithValue("by", actor);
        command.Parameters.AddWithValue("at", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
