using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using BarberPro.Dashboard.Persistence;
using Npgsql;

namespace BarberPro.Dashboard.Checklists;

/// <summary>Someone who has a run open now: their display name and since when.</summary>
public sealed record ChecklistViewer(string UserId, string Name, DateTimeOffset Since);

/// <summary>
/// Who has a run open right now, across every dashboard instance. Each open run view joins (and leaves when its page
/// closes); this process knows its own viewers at once and tells their pages. To reach the other instances each viewer
/// is a row of <c>dashboard.checklist_presence</c> written in the background, with a NOTIFY on <see cref="Channel"/>
/// ("instance:run"): an instance that hears it re-reads that run's viewers and tells its pages. Rows are refreshed every
/// <see cref="HeartbeatInterval"/>, so the viewers of an instance that died disappear after <see cref="Timeout"/>.
/// Presence is a courtesy: when the database does not answer, pages still see the viewers of their own instance.
/// Singleton; also the hosted service that writes the rows.
/// </summary>
public sealed partial class ChecklistPresence(NpgsqlDataSource dataSource, TimeProvider time, ILogger<ChecklistPresence> logger)
    : BackgroundService, IDatabaseEventChannel
{
    public const string NotifyChannel = "checklist_presence";
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Guid, Local> _local = new();
    private readonly ConcurrentDictionary<long, IReadOnlyList<ChecklistViewer>> _remote = new();
    private readonly Channel<Work> _work = System.Threading.Channels.Channel.CreateUnbounded<Work>(
        new UnboundedChannelOptions { SingleReader = true });
    private bool _failing;

    /// <summary>This process, as other instances see it in the table and in notifications.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public string Channel => NotifyChannel;

    /// <summary>
    /// Shows <paramref name="name"/> on <paramref name="runId"/> until the returned handle is disposed;
    /// <paramref name="changed"/> is called (on any thread) whenever the run's viewers change.
    /// </summary>
    public IDisposable Join(long runId, string userId, string name, Action changed)
    {
        var viewer = new Local(Guid.NewGuid(), runId, userId, name, time.GetUtcNow(), changed);
        _local[viewer.Id] = viewer;
        _work.Writer.TryWrite(new Work(WorkKind.Upsert, runId, viewer));
        _work.Writer.TryWrite(new Work(WorkKind.Refresh, runId, null));
        Tell(runId, except: viewer.Id);
        return new Handle(this, viewer);
    }

    /// <summary>The run's viewers, one per person (their earliest open page), earliest first.</summary>
    public IReadOnlyList<ChecklistViewer> Who(long runId) =>
        _local.Values.Where(v => v.RunId == runId).Select(v => new ChecklistViewer(v.UserId, v.Name, v.Since))
            .Concat(_remote.GetValueOrDefault(runId) ?? [])
            .GroupBy(v => v.UserId, StringComparer.Ordinal)
            .Select(g => g.MinBy(v => v.Since)!)
            .OrderBy(v => v.Since).ThenBy(v => v.Name, StringComparer.CurrentCulture)
            .ToList();

    public void OnNotification(string payload)
    {
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Guid.TryParse(payload.AsSpan(0, colon), out var instance)
            && long.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var runId)
            && instance != InstanceId && _local.Values.Any(v => v.RunId == runId))
        {
            _work.Writer.TryWrite(new Work(WorkKind.Refresh, runId, null));
        }
    }

    public Task OnListeningAsync(bool eventsMayHaveBeenMissed)
    {
        if (eventsMayHaveBeenMissed)
        {
            _work.Writer.TryWrite(new Work(WorkKind.Heartbeat, 0, null));
        }
        return Task.CompletedTask;
    }

    public Task OnListeningLostAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = HeartbeatAsync(stoppingToken);
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
            {
                await DoAsync(work, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await heartbeat;
        await DeleteMineAsync();
    }

    private async Task HeartbeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _work.Writer.TryWrite(new Work(WorkKind.Heartbeat, 0, null));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task DoAsync(Work work, CancellationToken cancellationToken)
    {
        try
        {
            switch (work.Kind)
            {
                case WorkKind.Upsert when _local.ContainsKey(work.Viewer!.Id):
                    await UpsertAsync([work.Viewer], [work.RunId], cancellationToken);
                    break;
                case WorkKind.Delete:
                    await DeleteAsync(work.Viewer!.Id, work.RunId, cancellationToken);
                    break;
                case WorkKind.Refresh:
                    await RefreshAsync(work.RunId, cancellationToken);
                    break;
                case WorkKind.Heartbeat:
                    var viewers = _local.Values.ToList();
                    await UpsertAsync(viewers, [], cancellationToken);
                    foreach (var runId in viewers.Select(v => v.RunId).Distinct())
                    {
                        await RefreshAsync(runId, cancellationToken);
                    }
                    break;
            }
            if (_failing)
            {
                _failing = false;
                LogBack();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            if (!_failing)
            {
                _failing = true;
                LogFailed(ex.GetType().Name, ex.Message);
            }
        }
    }

    /// <summary>Writes (or refreshes) the viewers' rows and drops rows long dead, notifying the given runs.</summary>
    private async Task UpsertAsync(IReadOnlyList<Local> viewers, IReadOnlyList<long> notify, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (viewers.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand("""
                INSERT INTO dashboard.checklist_presence (viewer_id, instance_id, run_id, user_id, name, since, seen_at)
                SELECT v, $2, r, u, n, s, $7 FROM unnest($1::uuid[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[]) AS t (v, r, u, n, s)
                ON CONFLICT (viewer_id) DO UPDATE SET seen_at = excluded.seen_at
                """);
            upsert.Parameters.Add(new NpgsqlParameter { Value = viewers.Select(v => v.Id).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = InstanceId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = viewers.Select(v => v.RunId).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = viewers.Select(v => v.UserId).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = viewers.Select(v => v.Name).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = viewers.Select(v => v.Since).ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now });
            batch.BatchCommands.Add(upsert);
        }
        var prune = new NpgsqlBatchCommand("DELETE FROM dashboard.checklist_presence WHERE seen_at < $1");
        prune.Parameters.Add(new NpgsqlParameter { Value = now - 10 * Timeout });
        batch.BatchCommands.Add(prune);
        foreach (var runId in notify)
        {
            batch.BatchCommands.Add(Notify(runId));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task DeleteAsync(Guid viewerId, long runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var delete = new NpgsqlBatchCommand("DELETE FROM dashboard.checklist_presence WHERE viewer_id = $1");
        delete.Parameters.Add(new NpgsqlParameter { Value = viewerId });
        batch.BatchCommands.Add(delete);
        batch.BatchCommands.Add(Notify(runId));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlBatchCommand Notify(long runId)
    {
        var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter { Value = NotifyChannel });
        notify.Parameters.Add(new NpgsqlParameter { Value = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:{runId}") });
        return notify;
    }

    /// <summary>Re-reads the run's viewers on other instances; tells this process's pages when they changed.</summary>
    private async Task RefreshAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT user_id, name, min(since) AS since FROM dashboard.checklist_presence
            WHERE run_id = $1 AND instance_id <> $2 AND seen_at > $3
            GROUP BY user_id, name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = InstanceId });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() - Timeout });
        var viewers = new List<ChecklistViewer>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                viewers.Add(new ChecklistViewer(reader.GetString(reader.GetOrdinal("user_id")), reader.GetString(reader.GetOrdinal("name")),
                    reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("since"))));
            }
        }
        var before = _remote.GetValueOrDefault(runId) ?? [];
        if (!before.SequenceEqual(viewers.OrderBy(v => v.UserId, StringComparer.Ordinal)))
        {
            _remote[runId] = viewers.OrderBy(v => v.UserId, StringComparer.Ordinal).ToList();
            Tell(runId, except: null);
        }
    }

    private async Task DeleteMineAsync()
    {
        try
        {
            await using var command = dataSource.CreateCommand("DELETE FROM dashboard.checklist_presence WHERE instance_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = InstanceId });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            LogFailed(ex.GetType().Name, ex.Message);
        }
    }

    private void Leave(Local viewer)
    {
        if (_local.TryRemove(viewer.Id, out _))
        {
            _work.Writer.TryWrite(new Work(WorkKind.Delete, viewer.RunId, viewer));
            Tell(viewer.RunId, except: viewer.Id);
        }
    }

    private void Tell(long runId, Guid? except)
    {
        foreach (var viewer in _local.Values)
        {
            if (viewer.RunId == runId && viewer.Id != except)
            {
                viewer.Changed();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Checklist presence could not be written or read ({ExceptionType}: {Cause}); pages show this instance's viewers only")]
    private partial void LogFailed(string exceptionType, string cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checklist presence is written and read again")]
    private partial void LogBack();

    private enum WorkKind
    {
        Upsert,
        Delete,
        Refresh,
        Heartbeat,
    }

    private sealed record Work(WorkKind Kind, long RunId, Local? Viewer);

    private sealed record Local(Guid Id, long RunId, string UserId, string Name, DateTimeOffset Since, Action Changed);

    private sealed class Handle(ChecklistPresence presence, Local viewer) : IDisposable
    {
        public void Dispose() => presence.Leave(viewer);
    }
}
