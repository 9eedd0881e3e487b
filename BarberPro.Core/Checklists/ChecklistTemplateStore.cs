using BarberPro.Core.Persistence;
using BarberPro.Core.Text;
using Npgsql;

namespace BarberPro.Core.Checklists;

public enum ChecklistMoveDirection
{
    Up,
    Down,
}

/// <summary>
/// Template editing by managers: add, rename, move, retire and restore items. Nothing is ever deleted: an item keeps
/// its key for ever, a retired item stays (and can be restored), and every edit is appended to
/// <c>checklist_template_changes</c>. Runs already created keep their own snapshot, so edits reach only new runs.
/// Each edit locks its section row, so two managers editing one section at once are serialised. Singleton.
/// </summary>
public sealed class ChecklistTemplateStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<IReadOnlyList<ChecklistTemplate>> GetTemplatesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var items = new List<(long SectionId, ChecklistTemplateItem Item)>();
            await using (var command = new NpgsqlCommand("""
                SELECT section_id, key, title, position, evidence_key, revision, retired_at
                FROM dashboard.checklist_items ORDER BY section_id, retired_at IS NOT NULL, position, id
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add((reader.GetInt64(0), new ChecklistTemplateItem(reader.GetString(1), reader.GetString(2),
                        reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5),
                        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6))));
                }
            }

            var sections = new List<(string TemplateId, ChecklistTemplateSection Section)>();
            await using (var command = new NpgsqlCommand("""
                SELECT id, template_id, key, title, position, due_time, weekday
                FROM dashboard.checklist_sections ORDER BY template_id, position
                """, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    sections.Add((reader.GetString(1), new ChecklistTemplateSection(reader.GetString(2), reader.GetString(3),
                        reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<TimeOnly>(5),
                        reader.IsDBNull(6) ? null : reader.GetInt16(6),
                        items.Where(i => i.SectionId == id).Select(i => i.Item).ToList())));
                }
            }

            var templates = new List<ChecklistTemplate>();
            await using (var command = new NpgsqlCommand(
                "SELECT id, title, cadence FROM dashboard.checklist_templates ORDER BY cadence = 'weekly', id", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    templates.Add(new ChecklistTemplate(id, reader.GetString(1), ChecklistStore.ParseCadence(reader.GetString(2)),
                        sections.Where(s => s.TemplateId == id).Select(s => s.Section).ToList()));
                }
            }
            return templates;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer.", ex);
        }
    }

    public async Task<IReadOnlyList<ChecklistTemplateChange>> GetRecentChangesAsync(int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT at, actor_name, kind, item_key, from_title, to_title
                FROM dashboard.checklist_template_changes ORDER BY id DESC LIMIT $1
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = limit });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var changes = new List<ChecklistTemplateChange>();
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(new ChecklistTemplateChange(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1),
                    reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
            return changes;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer.", ex);
        }
    }

    /// <summary>Adds an item at the end of a section; returns its new, stable key.</summary>
    public async Task<string> AddItemAsync(string sectionKey, string? title, string? evidenceKey, ChecklistActor actor,
        CancellationToken cancellationToken)
    {
        if (ChecklistRules.TitleProblem(title, out var name) is { } problem)
        {
            throw new ChecklistInputException(problem);
        }
        evidenceKey = string.IsNullOrWhiteSpace(evidenceKey) ? null : evidenceKey.Trim();
        if (evidenceKey is not null && !ChecklistEvidenceKeys.All.Contains(evidenceKey))
        {
            throw new ChecklistInputException(
                $"Unknown evidence '{evidenceKey}'; choose one of {string.Join(", ", ChecklistEvidenceKeys.All)} or none.");
        }
        return await EditAsync(sectionKey, isItemKey: false, async (edit, ct) =>
        {
            var prefix = $"{edit.SectionKey}.{ChecklistRules.Slug(name)}";
            var key = prefix;
            for (var n = 2; await edit.ScalarAsync<long?>("SELECT id FROM dashboard.checklist_items WHERE key = $1", ct, key) is not null; n++)
            {
                key = $"{prefix}-{n}";
            }
            var position = await edit.ScalarAsync<int>(
                "SELECT coalesce(max(position), 0) + 1 FROM dashboard.checklist_items WHERE section_id = $1 AND retired_at IS NULL",
                ct, edit.SectionId);
            await edit.ExecuteAsync("""
                INSERT INTO dashboard.checklist_items (section_id, key, title, position, evidence_key, created_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                """, ct, edit.SectionId, key, name, position, evidenceKey, edit.Now);
            await edit.LogAsync("add", key, null, name, null, position, ct);
            return key;
        }, actor, cancellationToken);
    }

    public Task RenameItemAsync(string itemKey, string? title, ChecklistActor actor, CancellationToken cancellationToken)
    {
        if (ChecklistRules.TitleProblem(title, out var name) is { } problem)
        {
            throw new ChecklistInputException(problem);
        }
        return EditAsync(itemKey, isItemKey: true, async (edit, ct) =>
        {
            var old = await edit.ScalarAsync<string>("SELECT title FROM dashboard.checklist_items WHERE key = $1", ct, itemKey);
            if (old == name)
            {
                return 0;
            }
            await edit.ExecuteAsync(
                "UPDATE dashboard.checklist_items SET title = $2, revision = revision + 1 WHERE key = $1", ct, itemKey, name);
            await edit.LogAsync("rename", itemKey, old, name, null, null, ct);
            return 1;
        }, actor, cancellationToken);
    }

    public Task MoveItemAsync(string itemKey, ChecklistMoveDirection direction, ChecklistActor actor,
        CancellationToken cancellationToken) =>
        MoveAsync(itemKey, from => direction == ChecklistMoveDirection.Up ? from - 1 : from + 1, actor, cancellationToken);

    /// <summary>
    /// Moves a live item to <paramref name="index"/> (0-based) among its section's live items, the others keeping their
    /// order (a drag and drop); an index past either end moves it to that end. Logged as one move.
    /// </summary>
    public Task MoveItemToAsync(string itemKey, int index, ChecklistActor actor, CancellationToken cancellationToken) =>
        MoveAsync(itemKey, _ => index, actor, cancellationToken);

    private Task MoveAsync(string itemKey, Func<int, int> target, ChecklistActor actor, CancellationToken cancellationToken) =>
        EditAsync(itemKey, isItemKey: true, async (edit, ct) =>
        {
            var order = new List<string>();
            await using (var command = edit.Command("""
                SELECT key FROM dashboard.checklist_items WHERE section_id = $1 AND retired_at IS NULL ORDER BY position, id
                """, edit.SectionId))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    order.Add(reader.GetString(0));
                }
            }
            var from = order.IndexOf(itemKey);
            if (from < 0)
            {
                throw new ChecklistInputException(Phrase.Of("Checklists_Rule_RetiredMove", "A retired item cannot be moved; restore it first."));
            }
            var to = Math.Clamp(target(from), 0, order.Count - 1);
            if (to == from)
            {
                return 0;
            }
            order.RemoveAt(from);
            order.Insert(to, itemKey);
            for (var i = 0; i < order.Count; i++)
            {
                await edit.ExecuteAsync("""
                    UPDATE dashboard.checklist_items SET position = $2, revision = revision + 1
                    WHERE key = $1 AND position <> $2
                    """, ct, order[i], i + 1);
            }
            await edit.LogAsync("move", itemKey, null, null, from + 1, to + 1, ct);
            return 1;
        }, actor, cancellationToken);

    public Task RetireItemAsync(string itemKey, ChecklistActor actor, CancellationToken cancellationToken) =>
        EditAsync(itemKey, isItemKey: true, async (edit, ct) =>
        {
            var changed = await edit.ExecuteAsync("""
                UPDATE dashboard.checklist_items SET retired_at = $2, revision = revision + 1
                WHERE key = $1 AND retired_at IS NULL
                """, ct, itemKey, edit.Now);
            if (changed > 0)
            {
                await edit.LogAsync("retire", itemKey, null, null, null, null, ct);
            }
            return changed;
        }, actor, cancellationToken);

    public Task RestoreItemAsync(string itemKey, ChecklistActor actor, CancellationToken cancellationToken) =>
        EditAsync(itemKey, isItemKey: true, async (edit, ct) =>
        {
            var position = await edit.ScalarAsync<int>(
                "SELECT coalesce(max(position), 0) + 1 FROM dashboard.checklist_items WHERE section_id = $1 AND retired_at IS NULL",
                ct, edit.SectionId);
            var changed = await edit.ExecuteAsync("""
                UPDATE dashboard.checklist_items SET retired_at = NULL, position = $2, revision = revision + 1
                WHERE key = $1 AND retired_at IS NOT NULL
                """, ct, itemKey, position);
            if (changed > 0)
            {
                await edit.LogAsync("restore", itemKey, null, null, null, position, ct);
            }
            return changed;
        }, actor, cancellationToken);

    private async Task<T> EditAsync<T>(string key, bool isItemKey, Func<TemplateEdit, CancellationToken, Task<T>> action,
        ChecklistActor actor, CancellationToken cancellationToken)
    {
        if (!ChecklistRules.IsValidItemKey(key))
        {
            throw new ChecklistInputException(isItemKey ? "The item key is malformed." : "The section key is malformed.");
        }
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginDurableTransactionAsync(cancellationToken);
            await using var locate = new NpgsqlCommand(isItemKey
                ? """
                  SELECT s.id, s.key FROM dashboard.checklist_sections s
                  JOIN dashboard.checklist_items i ON i.section_id = s.id WHERE i.key = $1 FOR UPDATE OF s
                  """
                : "SELECT id, key FROM dashboard.checklist_sections WHERE key = $1 FOR UPDATE", connection, transaction);
            locate.Parameters.Add(new NpgsqlParameter { Value = key });
            long sectionId;
            string sectionKey;
            await using (var reader = await locate.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    throw new ChecklistInputException(isItemKey ? $"There is no item '{key}'." : $"There is no section '{key}'.");
                }
                sectionId = reader.GetInt64(0);
                sectionKey = reader.GetString(1);
            }
            var edit = new TemplateEdit(connection, transaction, sectionId, sectionKey, time.GetUtcNow(), actor);
            var result = await action(edit, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            throw new ChecklistUnavailableException("The checklist database did not answer: the template was NOT changed.", ex);
        }
    }

    private sealed class TemplateEdit(NpgsqlConnection connection, NpgsqlTransaction transaction, long sectionId,
        string sectionKey, DateTimeOffset now, ChecklistActor actor)
    {
        public long SectionId => sectionId;

        public string SectionKey => sectionKey;

        public DateTimeOffset Now => now;

        public NpgsqlCommand Command(string sql, params object?[] values)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }
            return command;
        }

        public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params object?[] values)
        {
            await using var command = Command(sql, values);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? default! : (T)value;
        }

        public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params object?[] values)
        {
            await using var command = Command(sql, values);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public Task LogAsync(string kind, string itemKey, string? fromTitle, string? toTitle, int? fromPosition,
            int? toPosition, CancellationToken cancellationToken) =>
            ExecuteAsync("""
                INSERT INTO dashboard.checklist_template_changes
                    (at, actor_id, actor_name, kind, item_key, from_title, to_title, from_position, to_position)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """, cancellationToken, now, actor.Id, actor.Name, kind, itemKey, fromTitle, toTitle, fromPosition, toPosition);
    }
}
