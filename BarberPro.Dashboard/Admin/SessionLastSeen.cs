using System.Collections.Concurrent;
using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Npgsql;

namespace BarberPro.Dashboard.Admin;

/// <summary>
/// "Last active" of each session for the users page (<c>dashboard.sessions.last_seen_at</c>, db/dashboard/0016), kept
/// cheaply: <see cref="Touch"/> is called on every checked request and every circuit activity, but costs a dictionary
/// look-up unless this process has not written that session for <see cref="Interval"/>; then one UPDATE runs in the
/// background (never in the request's way), and the UPDATE itself skips a row written less than
/// <see cref="Interval"/> ago, so that several instances write a session at most about once a minute together. A write
/// the database refuses is dropped (the next one comes a minute later). Singleton.
/// </summary>
public sealed partial class SessionLastSeen(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SessionLastSeen> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    /// <summary>The session was used now; stored (on the thread pool, never in the caller's way) if this process has
    /// not stored it for a minute.</summary>
    public void Touch(Guid sessionId)
    {
        if (TryClaim(sessionId, out var now))
        {
            _ = Task.Run(() => WriteAsync(sessionId, now, CancellationToken.None));
        }
    }

    /// <summary><see cref="Touch"/>, awaited (tests): true when it wrote to the database.</summary>
    public async Task<bool> TouchAsync(Guid sessionId, CancellationToken cancellationToken) =>
        TryClaim(sessionId, out var now) && await WriteAsync(sessionId, now, cancellationToken);

    /// <summary>Whether this call is the one that writes (none of this process for the session within the minute).</summary>
    private bool TryClaim(Guid sessionId, out DateTimeOffset now)
    {
        now = time.GetUtcNow();
        while (true)
        {
            if (_written.TryGetValue(sessionId, out var last))
            {
                if (now - last < Interval)
                {
                    return false;
                }
                if (_written.TryUpdate(sessionId, now, last))
                {
                    break;
                }
            }
            else if (_written.TryAdd(sessionId, now))
            {
                break;
            }
        }
        Forget(now);
        return true;
    }

    private async Task<bool> WriteAsync(Guid sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                UPDATE dashboard.sessions SET last_seen_at = $2
                WHERE id = $1 AND ended_at IS NULL AND (last_seen_at IS NULL OR last_seen_at <= $3)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = now - Interval });
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex) || ex is OperationCanceledException or ObjectDisposedException)
        {
            Log.NotStored(logger, sessionId, ex.Message);
            return false;
        }
    }

    /// <summary>Sessions not used for a while leave the dictionary (it holds about the sessions of the last minutes).</summary>
    private void Forget(DateTimeOffset now)
    {
        if (_written.Count < 1_000)
        {
            return;
        }
        foreach (var (id, at) in _written)
        {
            if (now - at > Interval * 2)
            {
                _written.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, at));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "The last use of session {SessionId} was not stored: {Error}")]
        public static partial void NotStored(ILogger logger, Guid sessionId, string error);
    }
}

/// <summary>A circuit's activity (a click, a keystroke sent to the server) counts as a use of its session.</summary>
public sealed class SessionLastSeenCircuitHandler(SessionLastSeen lastSeen, CircuitAuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            if (authentication.SessionId is { } session)
            {
                lastSeen.Touch(session);
            }
            return next(context);
        };
}
