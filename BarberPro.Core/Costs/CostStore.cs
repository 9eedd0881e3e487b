using BarberPro.Core.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Costs;

/// <summary>The dashboard database did not answer; nothing was stored.</summary>
public sealed class CostUnavailableException(Exception inner)
    : Exception("The dashboard database did not answer. Nothing was saved; try again in a moment.", inner);

/// <summary>Where cost entries, their change log, the baseline and the rates are kept (an interface so that component tests can stand in for the database).</summary>
public interface ICostStore
{
    Task<IReadOnlyList<CostEntry>> GetEntriesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<CostMonth>> GetMonthsAsync(CancellationToken cancellationToken);

    Task<int> ImportAsync(IReadOnlyList<CostEntryInput> entries, CostActor actor, string source, CancellationToken cancellationToken);

    Task<IReadOnlyList<CostEntryChange>> GetChangesAsync(int limit, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, decimal>> GetBaselineAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<UsdArsRate>> GetRatesAsync(CancellationToken cancellationToken);

    Task SaveRateAsync(DateOnly date, decimal arsPerUsd, CostActor actor, CancellationToken cancellationToken);
}

/// <summary>
/// Cost entries, their change log, the baseline and the USD→ARS rates in the dashboard database. Every write is one
/// transaction (an import of many lines too), so a failure leaves nothing half-written. Singleton: it holds only the
/// shared data source and the clock.
/// </summary>
public sealed class CostStore(NpgsqlDataSource dataSource, TimeProvider time) : ICostStore
{
    /// <summary>Who wrote the first start's entries, as the page shows it (not the name of a file in the repository).</summary>
    public const string SeedActor = "reference figures";

    /// <summary>The note of the first start's entries.</summary>
    public const string SeedNote = "Reference figure (before any invoice was entered)";

    // Serialises the first-start seeding of several instances starting at once.
    private const long SeedLockKey = 0x4250_4353;

    /// <summary>Writes SPEC.md's seed figures for <paramref name="month"/> when there is no cost entry at all yet.</summary>
    public async Task<bool> EnsureSeededAsync(DateOnly month, CancellationToken cancellationToken)
    {
        return await RunAsync(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginDurableTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
            {
                lockCommand.Parameters.AddWithValue("k", SeedLockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM dashboard.cost_entries)", connection, transaction))
            {
                if (await any.ExecuteScalarAsync(cancellationToken) is true)
                {
                    return false;
                }
            }
            var actor = new CostActor(null, SeedActor);
            foreach (var (category, amount) in CostCategories.SeedAmountsUsd)
            {
                await UpsertAsync(connection, transaction, new CostEntryInput(month, category, amount, SeedNote), actor, "seed", cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    public Task<IReadOnlyList<CostEntry>> GetEntriesAsync(CancellationToken cancellationToken) => RunAsync<IReadOnlyList<CostEntry>>(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT month, category, amount_usd, note, updated_by, updated_at FROM dashboard.cost_entries ORDER BY month, category", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<CostEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new CostEntry(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetDecimal(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return entries;
    });

    /// <summary>All entries grouped by month, oldest first.</summary>
    public async Task<IReadOnlyList<CostMonth>> GetMonthsAsync(CancellationToken cancellationToken) =>
        [.. (await GetEntriesAsync(cancellationToken)).GroupBy(e => e.Month).OrderBy(g => g.Key).Select(g => new CostMonth(g.Key, [.. g]))];

    /// <summary>
    /// Stores every entry or, on any failure, none. An entry whose amount and note are as stored is left alone, so the
    /// change log gets one row per value that changed. Returns how many entries changed.
    /// </summary>
    public Task<int> ImportAsync(IReadOnlyList<CostEntryInput> entries, CostActor actor, string source, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(entries);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginDurableTransactionAsync(cancellationToken);
            var changed = 0;
            foreach (var entry in entries)
            {
                changed += await UpsertAsync(connection, transaction, entry, actor, source, cancellationToken) ? 1 : 0;
            }
            await transaction.CommitAsync(cancellationToken);
            return changed;
        });

    public Task<IReadOnlyList<CostEntryChange>> GetChangesAsync(int limit, CancellationToken cancellationToken) => RunAsync<IReadOnlyList<CostEntryChange>>(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT at, actor_name, source, month, category, from_usd, to_usd
            FROM dashboard.cost_entry_changes ORDER BY id DESC LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<CostEntryChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new CostEntryChange(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateOnly>(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.GetDecimal(6)));
        }
        return changes;
    });

    /// <summary>The baseline per category ("Total" for the whole month); categories the seeds do not give are absent.</summary>
    public Task<IReadOnlyDictionary<string, decimal>> GetBaselineAsync(CancellationToken cancellationToken) => RunAsync<IReadOnlyDictionary<string, decimal>>(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT category, amount_usd FROM dashboard.cost_baseline", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var baseline = new Dictionary<string, decimal>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            baseline[reader.GetString(0)] = reader.GetDecimal(1);
        }
        return baseline;
    });

    public Task<IReadOnlyList<UsdArsRate>> GetRatesAsync(CancellationToken cancellationToken) => RunAsync<IReadOnlyList<UsdArsRate>>(async () =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT effective_date, ars_per_usd, recorded_by, recorded_at FROM dashboard.usd_ars_rates ORDER BY effective_date", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rates = new List<UsdArsRate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rates.Add(new UsdArsRate(reader.GetFieldValue<DateOnly>(0), reader.GetDecimal(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return rates;
    });

    /// <summary>Records the rate in force from <paramref name="date"/>; a second rate for the same date replaces the first.</summary>
    public Task SaveRateAsync(DateOnly date, decimal arsPerUsd, CostActor actor, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO dashboard.usd_ars_rates (effective_date, ars_per_usd, recorded_by, recorded_at) VALUES (@d, @r, @by, @at)
            ON CONFLICT (effective_date) DO UPDATE SET ars_per_usd = EXCLUDED.ars_per_usd,
                recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("d", NpgsqlDbType.Date) { TypedValue = date });
        command.Parameters.AddWithValue("r", arsPerUsd);
        command.Parameters.AddWithValue("by", actor.Name);
        command.Parameters.AddWithValue("at", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    });

    /// <summary>Writes the entry and its change row, or nothing when amount and note are as stored; true when written.</summary>
    private async Task<bool> UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CostEntryInput entry, CostActor actor,
        string source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The previous amount is read (and its row locked) by a statement of its own: a FOR UPDATE inside the same
        // statement as the upsert skips the row that statement modifies, and the change row lost its "from".
        decimal? previous = null;
        await using (var read = new NpgsqlCommand(
            "SELECT amount_usd FROM dashboard.cost_entries WHERE month = @month AND category = @category FOR UPDATE", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter<DateOnly>("month", NpgsqlDbType.Date) { TypedValue = entry.Month });
            read.Parameters.AddWithValue("category", entry.Category);
            previous = await read.ExecuteScalarAsync(cancellationToken) is decimal amount ? amount : null;
        }
        await using var command = new NpgsqlCommand("""
            WITH saved AS (
                INSERT INTO dashboard.cost_entries (month, category, amount_usd, note, updated_by, updated_at)
                VALUES (@month, @category, @amount, @note, @actor, @at)
                ON CONFLICT (month, category) DO UPDATE SET amount_usd = EXCLUDED.amount_usd, note = EXCLUDED.note,
                    updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
                WHERE cost_entries.amount_usd IS DISTINCT FROM EXCLUDED.amount_usd OR cost_entries.note IS DISTINCT FROM EXCLUDED.note
                RETURNING 1
            )
            INSERT INTO dashboard.cost_entry_changes (at, actor_id, actor_name, source, month, category, from_usd, to_usd)
            SELECT @at, @actor_id, @actor, @source, @month, @category, @from, @amount FROM saved
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<decimal?>("from", NpgsqlDbType.Numeric) { TypedValue = previous });
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("month", NpgsqlDbType.Date) { TypedValue = entry.Month });
        command.Parameters.AddWithValue("category", entry.Category);
        command.Parameters.AddWithValue("amount", entry.AmountUsd);
        command.Parameters.Add(new NpgsqlParameter<string?>("note", NpgsqlDbType.Text) { TypedValue = entry.Note });
        command.Parameters.AddWithValue("actor", actor.Name);
        command.Parameters.Add(new NpgsqlParameter<string?>("actor_id", NpgsqlDbType.Text) { TypedValue = actor.Id });
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("at", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new CostUnavailableException(ex);
        }
    }
}
