using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace BarberPro.EndToEnd.Tests.Faults;

/// <summary>
/// Operator clients that change checklist notes as fast as a busy team could, each change with its own idempotency key
/// and the version it saw, through the real checklist hub. A change is retried with the same key until it has a
/// definite outcome (after a refusal, a lost connection or a timeout: whatever the server did, the retry is answered
/// with the original outcome), so what the server acknowledged can be checked against the database afterwards.
/// Every note text is unique, so a change applied twice would show up as one text in two rows of the change log.
/// </summary>
internal sealed class TickingClients : IAsyncDisposable
{
    private static readonly TimeSpan s_pace = TimeSpan.FromMilliseconds(20);
    private readonly Uri _hub;
    private readonly string _cookie;
    private readonly long _runId;
    private readonly IReadOnlyList<string> _items;
    private readonly ConcurrentDictionary<Guid, string> _acknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    // Note texts are unique across every set of clients too (two tests may share a run).
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..6];
    private int _refused;
    private int _reconnects;
    private int _unresolved;
    private long _lastAcknowledgedAt;

    private TickingClients(Uri hub, string cookie, long runId, IReadOnlyList<string> items)
    {
        _hub = hub;
        _cookie = cookie;
        _runId = runId;
        _items = items;
    }

    /// <summary>Idempotency key → note text of every change the server acknowledged (applied or replayed).</summary>
    public IReadOnlyDictionary<Guid, string> Acknowledged => _acknowledged;

    /// <summary>Calls answered with a hub error (the "not saved" refusals of an outage).</summary>
    public int Refused => _refused;

    /// <summary>Attempts to open a new connection after a lost one (one every 200 ms per client while the server is away).</summary>
    public int Reconnects => _reconnects;

    /// <summary>Changes that still had no definite outcome when the clients were stopped.</summary>
    public int Unresolved => _unresolved;

    /// <summary>Stopwatch timestamp of the latest acknowledgement.</summary>
    public long LastAcknowledgedAt => Interlocked.Read(ref _lastAcknowledgedAt);

    public static TickingClients Start(string baseUrl, string cookie, long runId, IReadOnlyList<string> items, int count)
    {
        var clients = new TickingClients(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/checklists"),
            cookie, runId, items);
        for (var i = 0; i < count; i++)
        {
            var client = i;
            clients._loops.Add(Task.Run(() => clients.LoopAsync(client)));
        }
        return clients;
    }

    /// <summary>Waits until <paramref name="count"/> more changes were acknowledged (so the clients are really at work).</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var target = _acknowledged.Count + count;
        var deadline = Stopwatch.StartNew();
        while (_acknowledged.Count < target)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {_acknowledged.Count} of {target} changes acknowledged within {timeout.TotalSeconds} s.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops starting new changes and waits for the ones in flight to reach a definite outcome.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        _stop.Dispose();
    }

    private async Task LoopAsync(int client)
    {
        var item = _items[client % _items.Count];
        HubTestClient? hub = null;
        var version = 0;
        try
        {
            for (var n = 1; !_stop.IsCancellationRequested; n++)
            {
                var text = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-c{client:D2}-{n:D6}");
                var key = Guid.NewGuid();
                var resolveBy = (Stopwatch?)null;
                while (true)
                {
                    if (_stop.IsCancellationRequested)
                    {
                        resolveBy ??= Stopwatch.StartNew();
                        if (resolveBy.Elapsed > TimeSpan.FromSeconds(20))
                        {
                            Interlocked.Increment(ref _unresolved);
                            return;
                        }
                    }
                    try
                    {
                        hub ??= await HubTestClient.ConnectAsync(_hub, _cookie, origin: null);
                        var reply = (await hub.InvokeAsync(TimeSpan.FromSeconds(5), "SetNote", _runId, item, version, key.ToString(), text))!;
                        version = reply["item"]!["version"]!.GetValue<int>();
                        var outcome = reply["outcome"]!.GetValue<string>();
                        if (outcome is "applied" or "replayed")
                        {
                            _acknowledged[key] = text;
                            Interlocked.Exchange(ref _lastAcknowledgedAt, Stopwatch.GetTimestamp());
                            break;
                        }
                        if (outcome == "stale")
                        {
                            // Refused for its version: certainly not applied under this key (a replay is answered
                            // before the version is compared). The same text goes again, as a new change.
                            key = Guid.NewGuid();
                            continue;
                        }
                        throw new UnexpectedOutcomeException($"Unexpected outcome '{outcome}' for a unique note: {reply.ToJsonString()}");
                    }
                    catch (HubException)
                    {
                        Interlocked.Increment(ref _refused);
                        await Task.Delay(100);
                    }
                    catch (Exception ex) when (ex is not UnexpectedOutcomeException)
                    {
                        // Lost connection, refused handshake or no answer in time: a new connection, the same key.
                        if (hub is not null)
                        {
                            await hub.DisposeAsync();
                            hub = null;
                        }
                        Interlocked.Increment(ref _reconnects);
                        await Task.Delay(200);
                    }
                }
                await Task.Delay(s_pace);
            }
        }
        finally
        {
            if (hub is not null)
            {
                await hub.DisposeAsync();
            }
        }
    }
}

/// <summary>An answer a client cannot explain: a bug, not a fault to retry through.</summary>
internal sealed class UnexpectedOutcomeException(string message) : Exception(message);

/// <summary>What the change log and the items of a run say after a fault, against what the clients were told.</summary>
internal sealed record FaultAudit(int Acknowledged, int Lost, int Doubled, int Rows, IReadOnlyList<string> Inconsistencies)
{
    public static async Task<FaultAudit> ReadAsync(string connectionString, long runId, IReadOnlyDictionary<Guid, string> acknowledged)
    {
        // Unpooled: a pooled connection may be one the crash killed.
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<(Guid Key, string Item, string? Note, int From, int To)>();
        await using (var command = new NpgsqlCommand("""
            SELECT idempotency_key, item_key, to_note, from_version, to_version
            FROM dashboard.checklist_changes WHERE run_id = $1 ORDER BY id
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetInt32(3), reader.GetInt32(4)));
            }
        }
        var items = new Dictionary<string, (string? Note, int Version)>();
        await using (var command = new NpgsqlCommand(
            "SELECT key, note, version FROM dashboard.checklist_run_items WHERE run_id = $1", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                items[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2));
            }
        }

        var stored = rows.ToDictionary(r => r.Key, r => r.Note);
        var lost = acknowledged.Count(a => !stored.TryGetValue(a.Key, out var note) || note != a.Value);
        var doubled = rows.Where(r => r.Note is not null).GroupBy(r => r.Note).Sum(g => g.Count() - 1);

        // The log replayed item by item must reach each item's final state, one version at a time.
        var inconsistencies = new List<string>();
        foreach (var (key, (note, version)) in items)
        {
            var log = rows.Where(r => r.Item == key).ToList();
            var expected = 0;
            foreach (var row in log)
            {
                if (row.From != expected || row.To != expected + 1)
                {
                    inconsistencies.Add($"{key}: change {row.Key} goes {row.From}→{row.To} after version {expected}");
                }
                expected = row.To;
            }
            if (expected != version || (log.Count > 0 && log[^1].Note != note))
            {
                inconsistencies.Add($"{key}: the log ends at version {expected} '{(log.Count > 0 ? log[^1].Note : null)}', the item is at {version} '{note}'");
            }
        }
        return new FaultAudit(acknowledged.Count, lost, doubled, rows.Count, inconsistencies);
    }
}
