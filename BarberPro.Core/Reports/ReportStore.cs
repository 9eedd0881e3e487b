using System.Text.Json;
using BarberPro.Core.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Reports;

/// <summary>The dashboard database did not answer; no report was read or stored.</summary>
public sealed class ReportUnavailableException(Exception inner)
    : Exception("The dashboard database did not answer. Try again in a moment.", inner);

/// <summary>
/// Reports in <c>dashboard.reports</c> (<c>db/dashboard/0011_reports.sql</c>): insert once, read many. A scheduled
/// report is unique on (kind, period start) and inserted ON CONFLICT DO NOTHING, so two instances generating the same
/// report store one row. Singleton: it holds only the shared data source.
/// </summary>
public sealed class ReportStore(NpgsqlDataSource dataSource)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private const string Columns = "id, kind, first_day, last_day, period_start, period_end, generated_at, generated_by";

    /// <summary>The id of the stored scheduled report of <paramref name="period"/>, or null.</summary>
    public Task<long?> FindIdAsync(ReportPeriod period, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var command = dataSource.CreateCommand("SELECT id FROM dashboard.reports WHERE kind = @kind AND period_start = @start");
        command.Parameters.AddWithValue("kind", period.KindName);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("start", NpgsqlDbType.TimestampTz) { TypedValue = period.Start.UtcDateTime });
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : (long?)null;
    });

    /// <summary>
    /// Stores a report. Returns its id and whether this call inserted it: false when the same scheduled report was
    /// already there (another instance won), and then the id is the stored one's.
    /// </summary>
    public Task<(long Id, bool Inserted)> InsertAsync(ReportPeriod period, ReportContent content, DateTimeOffset generatedAt, string generatedBy,
        CancellationToken cancellationToken) => RunAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(content);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO dashboard.reports (kind, period_start, period_end, first_day, last_day, content, generated_at, generated_by)
            VALUES (@kind, @start, @end, @first, @last, @content, @at, @by)
            ON CONFLICT (kind, period_start) WHERE kind <> 'ondemand' DO NOTHING
            RETURNING id
            """, connection))
        {
            insert.Parameters.AddWithValue("kind", period.KindName);
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("start", NpgsqlDbType.TimestampTz) { TypedValue = period.Start.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("end", NpgsqlDbType.TimestampTz) { TypedValue = period.End.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter<DateOnly>("first", NpgsqlDbType.Date) { TypedValue = period.FirstDay });
            insert.Parameters.Add(new NpgsqlParameter<DateOnly>("last", NpgsqlDbType.Date) { TypedValue = period.LastDay });
            insert.Parameters.Add(new NpgsqlParameter<string>("content", NpgsqlDbType.Jsonb) { TypedValue = JsonSerializer.Serialize(content, JsonOptions) });
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("at", NpgsqlDbType.TimestampTz) { TypedValue = generatedAt.UtcDateTime });
            insert.Parameters.AddWithValue("by", generatedBy);
            if (await insert.ExecuteScalarAsync(cancellationToken) is long id)
            {
                return (id, true);
            }
        }
        await using var existing = new NpgsqlCommand("SELECT id FROM dashboard.reports WHERE kind = @kind AND period_start = @start", connection);
        existing.Parameters.AddWithValue("kind", period.KindName);
        existing.Parameters.Add(new NpgsqlParameter<DateTime>("start", NpgsqlDbType.TimestampTz) { TypedValue = period.Start.UtcDateTime });
        return ((long)(await existing.ExecuteScalarAsync(cancellationToken))!, false);
    });

    public Task<Report?> GetAsync(long id, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns}, content::text FROM dashboard.reports WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var content = JsonSerializer.Deserialize<ReportContent>(reader.GetString(8), JsonOptions)
            ?? throw new InvalidOperationException($"Report {id} has empty content.");
        return new Report(reader.GetInt64(0), PeriodOf(reader), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), content);
    });

    /// <summary>
    /// Reports newest first, at most <paramref name="limit"/>; with <paramref name="day"/>, those whose days include it
    /// (the search by date). Pass/fail counts are read from the stored figures.
    /// </summary>
    public Task<IReadOnlyList<ReportSummary>> ListAsync(DateOnly? day, int limit, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<ReportSummary>>(async () =>
        {
            await using var command = dataSource.CreateCommand($"""
                SELECT {Columns},
                       (SELECT count(*) FROM jsonb_array_elements(content->'figures') f WHERE f->>'passed' = 'true')::int,
                       (SELECT count(*) FROM jsonb_array_elements(content->'figures') f WHERE f->>'passed' = 'false')::int
                FROM dashboard.reports
                WHERE @day::date IS NULL OR @day::date BETWEEN first_day AND last_day
                ORDER BY period_end DESC, id DESC
                LIMIT @limit
                """);
            command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = day is { } d ? d : DBNull.Value });
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<ReportSummary>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new ReportSummary(reader.GetInt64(0), PeriodOf(reader), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7),
                    reader.GetInt32(8), reader.GetInt32(9)));
            }
            return list;
        });

    /// <summary>The scheduled report of <paramref name="kind"/> whose days include <paramref name="day"/>, if stored (checklist evidence).</summary>
    public Task<ReportSummary?> FindScheduledAsync(ReportKind kind, DateOnly day, CancellationToken cancellationToken) => RunAsync(async () =>
    {
        var list = await ListAsync(day, 20, cancellationToken);
        return list.FirstOrDefault(r => r.Period.Kind == kind);
    });

    /// <summary>
    /// The ids of the stored scheduled reports among <paramref name="periods"/>, by kind and period start, in one query
    /// on the unique index (kind, period_start).
    /// </summary>
    /// <exception cref="ReportUnavailableException">The database did not answer.</exception>
    public async Task<IReadOnlyDictionary<(ReportKind Kind, DateTimeOffset Start), long>> FindScheduledIdsAsync(IReadOnlyList<ReportPeriod> periods,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var found = new Dictionary<(ReportKind, DateTimeOffset), long>();
        if (periods.Count == 0)
        {
            return found;
        }
        try
        {
            // "kind <> 'ondemand'" as a literal lets the planner use the partial unique index.
            await using var command = dataSource.CreateCommand("""
                SELECT kind, period_start, id FROM dashboard.reports
                WHERE kind <> 'ondemand' AND (kind, period_start) IN (SELECT * FROM unnest(@kinds, @starts))
                """);
            command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. periods.Select(p => p.KindName)] });
            command.Parameters.Add(new NpgsqlParameter<DateTime[]>("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            {
                TypedValue = [.. periods.Select(p => p.Start.UtcDateTime)],
            });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[(ReportKinds.Parse(reader.GetString(reader.GetOrdinal("kind"))), reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("period_start")))] =
                    reader.GetInt64(reader.GetOrdinal("id"));
            }
            return found;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ReportUnavailableException(ex);
        }
    }

    private static ReportPeriod PeriodOf(NpgsqlDataReader reader) => new(
        ReportKinds.Parse(reader.GetString(1)),
        reader.GetFieldValue<DateOnly>(2),
        reader.GetFieldValue<DateOnly>(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));

    private static async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ReportUnavailableException(ex);
        }
    }
}
