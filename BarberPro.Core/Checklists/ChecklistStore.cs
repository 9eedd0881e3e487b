using System.Data;
using System.Text.Json;
using BarberPro.Core.Persistence;
using Npgsql;

namespace BarberPro.Core.Checklists;

/// <summary>
/// Runs and changes in PostgreSQL. A change is one transaction: lock the item row, answer a replayed idempotency key
/// with the original outcome, refuse a stale version (returning the current state), else update the state, append to
/// the change log and NOTIFY; the caller is answered only after the commit. Singleton: it holds nothing but the shared
/// data source, the clock and the evidence provider.
/// A tick of a measurable item saves, on its change-log row, what the item's evidence read at that moment (from
/// <see cref="IChecklistEvidenceProvider"/>), whichever path the tick came through (page, hub).
/// </summary>
public sealed class ChecklistStore(NpgsqlDataSource dataSource, TimeProvider time, IChecklistEvidenceProvider? evidence = null)
    : IChecklistRunStore
{
    private static readonly JsonSerializerOptions s_evidenceJson = new(JsonSerializerDefaults.Web);

    public const string DailyTemplate = "daily";
    public const string WeeklyTemplate = "weekly";

    private const string ItemColumns = """
        run_id, key, section_key, title, position, evidence_key, ticked, ticked_by, ticked_at, note, note_by, note_at,
        changed_by, changed_at, change_kind, version
        """;

    public static string TemplateFor(ChecklistCadence cadence) =>
        cadence == ChecklistCadence.Daily ? DailyTemplate : WeeklyTemplate;

    /// <summary>The run of the current Argentina day (daily) or week (weekly), created if this is its first use.</summary>
    public Task<ChecklistRun> GetCurrentRunAsync(ChecklistCadence cadence, CancellationToken cancellationToken) =>
        GetOrCreateRunAsync(ChecklistPeriod.Containing(cadence, time.GetUtcNow()), cancellationToken);

    public async Task<ChecklistRun> GetOrCreateRunAsync(ChecklistPeriod period, CancellationToken cancellationToken)
    {
        var id = await EnsureRunAsync(period, cancellationToken);
        return await GetRunAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Run {id} vanished right after it was created.");
    }

    /// <summary>
    /// The id of the period's run, creating it (with a snapshot of the template's live items) when it does not exist.
    /// Race-safe: the unique (template, period) constraint with ON CONFLICT DO NOTHING lets exactly one creator win;
    /// the others wait for its commit and then read its row, snapshot included.
    /// </summary>
    public async Task<long> EnsureRunAsync(ChecklistPeriod period, CancellationToken cancellationToken)
    {
        var template = TemplateFor(period.Cadence);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            if (await FindRunAsync(connection, null, template, period.Start, cancellationToken) is { } existing)
            {
                return existing;
            }

            await using var transaction = await connection.BeginDurableTransactionAsync(cancellationToken);
            long? created;
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO dashboard.checklist_runs (template_id, period_start, title, created_at)
                SELECT id, $2, title, $3 FROM dashboard.checklist_templates WHERE id = $1
                ON CONFLICT ON CONSTRAINT checklist_runs_one_per_period DO NOTHING
                RETURNING id
                """, connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = template });
                insert.Parameters.Add(new NpgsqlParameter { Value = period.Start });
                insert.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
                created = (long?)await insert.ExecuteScalarAsync(cancellationToken);
            }
            if (created is not { } runId)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await FindRunAsync(connection, null, template, period.Start, cancellationToken)
                    ?? throw new InvalidOperationException($"Template '{template}' does not exist.");
            }

            await using (var snapshot = new NpgsqlBatch(connection, transaction))
            {
                var sections = new NpgsqlBatchCommand("""
                    INSERT INTO dashboard.checklist_run_sections (run_id, key, title, position, due_time, weekday)
                    SELECT $1, key, title, position, due_time, weekday
                    FROM dashboard.checklist_sections WHERE template_id = $2
                    """);
                sections.Parameters.Add(new NpgsqlParameter { Value = runId });
                sections.Parameters.Add(new NpgsqlParameter { Value = template });
                var items = new NpgsqlBatchCommand("""
                    INSERT INTO dashboard.checklist_run_items (run_id, key, section_key, title, position, evidence_key)
                    SELECT $1, i.key, s.key, i.title,
                           row_number() OVER (PARTITION BY s.id ORDER BY i.position, i.id), i.evidence_key
                    FROM dashboard.checklist_items i
                    JOIN dashboard.checklist_sections s ON s.id = i.section_id
                    WHERE s.template_id = $2 AND i.retired_at IS NULL
                    """);
                items.Parameters.Add(new NpgsqlParameter { Value = runId });
                items.Parameters.Add(new NpgsqlParameter { Value = template });
                snapshot.BatchCommands.Add(sections);
                snapshot.BatchCommands.Add(items);
                await snapshot.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return runId;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer.", ex);
        }
    }

    public async Task<ChecklistRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            string templateId, title;
            ChecklistCadence cadence;
            DateOnly start;
            DateTimeOffset createdAt;
            await using (var command = new NpgsqlCommand("""
                SELECT r.template_id, r.title, t.cadence, r.period_start, r.created_at
                FROM dashboard.checklist_runs r JOIN dashboard.checklist_templates t ON t.id = r.template_id
                WHERE r.id = $1
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = runId });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return null;
                }
                templateId = reader.GetString(0);
                title = reader.GetString(1);
                cadence = ParseCadence(reader.GetString(2));
                start = reader.GetFieldValue<DateOnly>(3);
                createdAt = reader.GetFieldValue<DateTimeOffset>(4);
            }

            var items = new List<ChecklistItemState>();
            await using (var command = new NpgsqlCommand(
                $"SELECT {ItemColumns} FROM dashboard.checklist_run_items WHERE run_id = $1 ORDER BY position, key", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = runId });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(ReadItem(reader));
                }
            }

            var sections = new List<ChecklistRunSection>();
            await using (var command = new NpgsqlCommand("""
                SELECT key, title, position, due_time, weekday FROM dashboard.checklist_run_sections
                WHERE run_id = $1 ORDER BY position, key
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = runId });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = reader.GetString(0);
                    sections.Add(new ChecklistRunSection(key, reader.GetString(1), reader.GetInt32(2),
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<TimeOnly>(3),
                        reader.IsDBNull(4) ? null : reader.GetInt16(4),
                        items.Where(i => i.SectionKey == key).ToList()));
                }
            }
            return new ChecklistRun(runId, templateId, title, new ChecklistPeriod(cadence, start), createdAt, sections);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer.", ex);
        }
    }

    /// <summary>The committed state of the given items (those that exist), in one query.</summary>
    public async Task<IReadOnlyList<ChecklistItemState>> GetItemsAsync(IReadOnlyCollection<(long RunId, string ItemKey)> items,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand($"""
            SELECT {ItemColumns} FROM dashboard.checklist_run_items
            WHERE (run_id, key) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.RunId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = items.Select(i => i.ItemKey).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<ChecklistItemState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadItem(reader));
        }
        return result;
    }

    /// <summary>
    /// Applies one change, exactly once per idempotency key, only on the version the caller saw. Returns after the
    /// commit; throws <see cref="ChecklistInputException"/> for bad input (nothing stored) and
    /// <see cref="ChecklistUnavailableException"/> when the database does not answer (nothing acknowledged).
    /// </summary>
    public async Task<ChecklistChangeResult> ApplyAsync(ChecklistChangeRequest request, ChecklistActor actor,
        CancellationToken cancellationToken)
    {
        if (ChecklistRules.Validate(request) is { } problem)
        {
            // A note's own problem is one a person can make from the page: it goes as a phrase the page words.
            throw ChecklistRules.NoteProblem(request.Note, out _) is { } noteProblem && noteProblem.English == problem
                ? new ChecklistInputException(noteProblem)
                : new ChecklistInputException(problem);
        }
        ChecklistRules.ValidateNote(request.Note, out var note);
        var actorName = string.IsNullOrWhiteSpace(actor.Name) ? "unknown" : actor.Name.Trim();
        if (actorName.Length > ChecklistRules.MaxActorNameLength)
        {
            actorName = actorName[..ChecklistRules.MaxActorNameLength];
        }
        var kind = ChecklistRules.KindName(request.Kind);

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginDurableTransactionAsync(cancellationToken, IsolationLevel.ReadCommitted);

            // The row lock serialises every change to this item, including two retries of the same key.
            ChecklistItemState current;
            await using (var select = new NpgsqlCommand(
                $"SELECT {ItemColumns} FROM dashboard.checklist_run_items WHERE run_id = $1 AND key = $2 FOR UPDATE",
                connection, transaction))
            {
                select.Parameters.Add(new NpgsqlParameter { Value = request.RunId });
                select.Parameters.Add(new NpgsqlParameter { Value = request.ItemKey });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new ChecklistInputException($"Run {request.RunId} has no item '{request.ItemKey}'.");
                }
                current = ReadItem(reader);
            }

            await using (var replay = new NpgsqlCommand(
                "SELECT run_id, item_key, kind FROM dashboard.checklist_changes WHERE idempotency_key = $1",
                connection, transaction))
            {
                replay.Parameters.Add(new NpgsqlParameter { Value = request.IdempotencyKey });
                await using var reader = await replay.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetInt64(0) != request.RunId || reader.GetString(1) != request.ItemKey || reader.GetString(2) != kind)
                    {
                        throw new ChecklistInputException("This idempotency key was already used for a different change.");
                    }
                    return new ChecklistChangeResult(ChecklistChangeOutcome.Replayed, current);
                }
            }

            if (current.Version != request.ExpectedVersion)
            {
                return new ChecklistChangeResult(ChecklistChangeOutcome.Stale, current);
            }
            var unchanged = request.Kind switch
            {
                ChecklistChangeKind.Tick => current.Ticked,
                ChecklistChangeKind.Untick => !current.Ticked,
                _ => current.Note == note,
            };
            if (unchanged)
            {
                return new ChecklistChangeResult(ChecklistChangeOutcome.Unchanged, current);
            }

            var now = time.GetUtcNow();
            var next = request.Kind switch
            {
                ChecklistChangeKind.Tick => current with { Ticked = true, TickedBy = actorName, TickedAt = now },
                ChecklistChangeKind.Untick => current with { Ticked = false, TickedBy = null, TickedAt = null },
                _ => current with { Note = note, NoteBy = note is null ? null : actorName, NoteAt = note is null ? null : now },
            };
            next = next with { ChangedBy = actorName, ChangedAt = now, ChangeKind = kind, Version = current.Version + 1 };

            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                var update = new NpgsqlBatchCommand("""
                    UPDATE dashboard.checklist_run_items
                    SET ticked = $3, ticked_by = $4, ticked_at = $5, note = $6, note_by = $7, note_at = $8,
                        changed_by = $9, changed_at = $10, change_kind = $11, version = $12
                    WHERE run_id = $1 AND key = $2
                    """);
                AddParameters(update, request.RunId, request.ItemKey, next.Ticked, next.TickedBy, next.TickedAt, next.Note,
                    next.NoteBy, next.NoteAt, next.ChangedBy, next.ChangedAt, next.ChangeKind, next.Version);
                var log = new NpgsqlBatchCommand("""
                    INSERT INTO dashboard.checklist_changes (idempotency_key, run_id, item_key, kind, actor_id, actor_name, at,
                        from_ticked, to_ticked, from_note, to_note, from_version, to_version, evidence)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb)
                    """);
                AddParameters(log, request.IdempotencyKey, request.RunId, request.ItemKey, kind, actor.Id, actorName, now,
                    current.Ticked, next.Ticked, current.Note, next.Note, current.Version, next.Version,
                    request.Kind == ChecklistChangeKind.Tick ? await EvidenceJsonAsync(current.EvidenceKey, cancellationToken) : null);
                // Inside the transaction: PostgreSQL delivers the notification only if the change commits.
                var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
                AddParameters(notify, ChecklistEvents.Channel, ChecklistEvents.Format(request.RunId, request.ItemKey, next.Version));
                batch.BatchCommands.Add(update);
                batch.BatchCommands.Add(log);
                batch.BatchCommands.Add(notify);
                try
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException ex) when (ex is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "checklist_changes_idempotency_key" })
                {
                    // The same key, committed meanwhile for another item (the row lock only serialises one item).
                    throw new ChecklistInputException("This idempotency key was already used for a different change.", ex);
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return new ChecklistChangeResult(ChecklistChangeOutcome.Applied, next);
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException(ChecklistUnavailableException.DefaultMessage, ex);
        }
    }

    /// <summary>The most recent runs first, with completion and who contributed.</summary>
    public async Task<IReadOnlyList<ChecklistRunSummary>> GetHistoryAsync(int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = new List<(long Id, string Template, string Title, ChecklistPeriod Period, int Total, int Ticked)>();
            await using (var command = new NpgsqlCommand("""
                SELECT r.id, r.template_id, r.title, t.cadence, r.period_start,
                       count(i.key)::int, (count(i.key) FILTER (WHERE i.ticked))::int
                FROM dashboard.checklist_runs r
                JOIN dashboard.checklist_templates t ON t.id = r.template_id
                LEFT JOIN dashboard.checklist_run_items i ON i.run_id = r.id
                GROUP BY r.id, t.cadence
                ORDER BY r.period_start DESC, r.template_id
                LIMIT $1
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = limit });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                        new ChecklistPeriod(ParseCadence(reader.GetString(3)), reader.GetFieldValue<DateOnly>(4)),
                        reader.GetInt32(5), reader.GetInt32(6)));
                }
            }

            var contributors = new Dictionary<long, List<ChecklistContributor>>();
            await using (var command = new NpgsqlCommand("""
                SELECT run_id, actor_name, (count(*) FILTER (WHERE kind = 'tick'))::int, count(*)::int
                FROM dashboard.checklist_changes WHERE run_id = ANY($1)
                GROUP BY run_id, actor_name ORDER BY 3 DESC, 4 DESC, 2
                """, connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Id).ToArray() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var runId = reader.GetInt64(0);
                    if (!contributors.TryGetValue(runId, out var list))
                    {
                        contributors[runId] = list = [];
                    }
                    list.Add(new ChecklistContributor(reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
                }
            }
            return rows.Select(r => new ChecklistRunSummary(r.Id, r.Template, r.Title, r.Period, r.Total, r.Ticked,
                contributors.TryGetValue(r.Id, out var c) ? c : [])).ToList();
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer.", ex);
        }
    }

    /// <summary>The run's change log, oldest first.</summary>
    public async Task<IReadOnlyList<ChecklistChangeRecord>> GetChangesAsync(long runId, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT id, idempotency_key, run_id, item_key, kind, actor_name, at, from_ticked, to_ticked, from_note, to_note,
                       from_version, to_version, evidence::text
                FROM dashboard.checklist_changes WHERE run_id = $1 ORDER BY id
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var changes = new List<ChecklistChangeRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new ChecklistChangeRecord(reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2),
                    reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetBoolean(7), reader.GetBoolean(8), NullableString(reader, 9), NullableString(reader, 10),
                    reader.GetInt32(11), reader.GetInt32(12), ParseEvidence(NullableString(reader, 13))));
            }
            return changes;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer.", ex);
        }
    }

    /// <summary>The item's evidence now, as stored with a tick; null for an item without a measure or without a figure.</summary>
    private async ValueTask<string?> EvidenceJsonAsync(string? evidenceKey, CancellationToken cancellationToken) =>
        evidenceKey is not null && evidence is not null
        && (await evidence.GetEvidenceAsync([evidenceKey], cancellationToken)).GetValueOrDefault(evidenceKey) is { } figure
            ? JsonSerializer.Serialize(figure, s_evidenceJson)
            : null;

    /// <summary>A stored evidence; null when there is none or it no longer reads as evidence (the model changed).</summary>
    internal static ChecklistEvidence? ParseEvidence(string? json)
    {
        if (json is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ChecklistEvidence>(json, s_evidenceJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static ChecklistCadence ParseCadence(string text) =>
        text == "weekly" ? ChecklistCadence.Weekly : ChecklistCadence.Daily;

    private static async Task<long?> FindRunAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string template, DateOnly start, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id FROM dashboard.checklist_runs WHERE template_id = $1 AND period_start = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = template });
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        return (long?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static ChecklistItemState ReadItem(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
        NullableString(reader, 5), reader.GetBoolean(6), NullableString(reader, 7), NullableTime(reader, 8),
        NullableString(reader, 9), NullableString(reader, 10), NullableTime(reader, 11), NullableString(reader, 12),
        NullableTime(reader, 13), NullableString(reader, 14), reader.GetInt32(15));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static void AddParameters(NpgsqlBatchCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            // An untyped null lets PostgreSQL infer the column's type.
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }
}
