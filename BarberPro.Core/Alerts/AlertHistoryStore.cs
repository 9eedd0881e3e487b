using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace BarberPro.Core.Alerts;

/// <summary>
/// <c>dashboard.alert_transitions</c>: appends transitions (a repeated one does nothing, so several dashboard instances
/// can write the same), and answers what is open and what happened in a period. Singleton.
/// </summary>
public sealed class AlertHistoryStore(NpgsqlDataSource dataSource)
{
    /// <summary>How far back an episode without its resolved row is still considered open.</summary>
    public static readonly TimeSpan OpenHorizon = TimeSpan.FromDays(30);

    /// <summary>Appends the transitions not stored yet; returns those that were new.</summary>
    public async Task<IReadOnlyList<AlertTransition>> RecordAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var added = new List<AlertTransition>();
        if (transitions.Count == 0)
        {
            return added;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var t in transitions)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO dashboard.alert_transitions
                    (fingerprint, alertname, severity, labels, annotations, episode_start, state, detail, at, duration)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT ON CONSTRAINT alert_transitions_once DO NOTHING
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = t.Fingerprint });
            command.Parameters.Add(new NpgsqlParameter { Value = t.AlertName });
            command.Parameters.Add(new NpgsqlParameter { Value = t.Severity });
            command.Parameters.Add(new NpgsqlParameter { Value = Json(t.Labels), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = Json(t.Annotations), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = t.EpisodeStart.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = AlertTransition.StateName(t.State) });
            command.Parameters.Add(new NpgsqlParameter { Value = t.Detail });
            command.Parameters.Add(new NpgsqlParameter { Value = t.At.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter { Value = t.Duration is { } d ? d : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Interval });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        for (var i = 0; i < transitions.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected > 0)
            {
                added.Add(transitions[i]);
            }
        }

        return added;
    }

    /// <summary>Firing episodes of the last <see cref="OpenHorizon"/> without a resolved row, with their silences not yet lifted.</summary>
    public async Task<IReadOnlyList<OpenEpisode>> GetOpenEpisodesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT f.fingerprint, f.episode_start, f.alertname, f.severity, f.labels::text, f.annotations::text,
                   coalesce((SELECT array_agg(s.detail ORDER BY s.detail) FROM dashboard.alert_transitions s
                             WHERE s.fingerprint = f.fingerprint AND s.episode_start = f.episode_start AND s.state = 'silenced'
                               AND NOT EXISTS (SELECT 1 FROM dashboard.alert_transitions u
                                               WHERE u.fingerprint = s.fingerprint AND u.episode_start = s.episode_start
                                                 AND u.state = 'unsilenced' AND u.detail = s.detail)), '{}')
              FROM dashboard.alert_transitions f
             WHERE f.state = 'firing' AND f.episode_start > $1
               AND NOT EXISTS (SELECT 1 FROM dashboard.alert_transitions r
                               WHERE r.fingerprint = f.fingerprint AND r.episode_start = f.episode_start AND r.state = 'resolved')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (now - OpenHorizon).ToUniversalTime() });
        var open = new List<OpenEpisode>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(new OpenEpisode(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                Map(reader.GetString(4)),
                Map(reader.GetString(5)),
                reader.GetFieldValue<string[]>(6)));
        }

        return open;
    }

    /// <summary>Transitions that happened in [<paramref name="from"/>, <paramref name="to"/>), newest first.</summary>
    public async Task<IReadOnlyList<AlertTransition>> GetTransitionsAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT fingerprint, alertname, severity, labels::text, annotations::text, episode_start, state, detail, at, duration
              FROM dashboard.alert_transitions
             WHERE at >= $1 AND at < $2
             ORDER BY at DESC, id DESC
             LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<AlertTransition>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AlertTransition(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Map(reader.GetString(3)),
                Map(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5),
                AlertTransition.ParseState(reader.GetString(6)),
                reader.GetString(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<TimeSpan>(9)));
        }

        return list;
    }

    /// <summary>How many alert episodes started firing in [<paramref name="from"/>, <paramref name="to"/>) ("what fired overnight").</summary>
    public async Task<long> CountFiredAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM dashboard.alert_transitions WHERE state = 'firing' AND at >= $1 AND at < $2");
        command.Parameters.Add(new NpgsqlParameter { Value = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = to.ToUniversalTime() });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string Json(IReadOnlyDictionary<string, string> map) =>
        JsonSerializer.Serialize(map, AlertmanagerJsonContext.Default.IReadOnlyDictionaryStringString);

    private static Dictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize(json, AlertmanagerJsonContext.Default.DictionaryStringString) ?? [];
}
