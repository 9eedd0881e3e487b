using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Keeps the app's hub connections (<c>/hubs/*</c>) honest after the handshake. A WebSocket authenticates once, at the
/// handshake; without this, a disabled user or a demoted Operator could keep a socket open and keep acting. So:
/// - every hub method call re-reads the session and the user's current roles, and checks the method's
///   [Authorize] policy against them (a demoted Operator's next tick is refused at once);
/// - a session event (<see cref="CircuitSessionRegistry"/>: PostgreSQL NOTIFY from the transaction that signs out,
///   disables, re-keys a user or changes a role) has the user's open connections check their session at once, and
///   those whose session ended or whose user lost every role are closed, within a second of the change;
/// - every <see cref="SweepInterval"/> every open connection is checked the same way, a safety net for a notification
///   lost in flight (after a listener cut-off the registry asks for a sweep at once).
/// Only hubs of this app: Blazor's own circuit hub (<c>/_blazor</c>) follows the session through
/// <see cref="CircuitAuthenticationStateProvider"/> and <see cref="CircuitAccess"/>, which send the page to sign-in.
/// Closing a circuit's socket here raced that navigation: when a render acknowledgement reached the server between the
/// revocation and the redirect, the socket was aborted, the redirect was lost and the page kept reconnecting forever.
/// Singleton: it tracks every connection of the process.
/// </summary>
public sealed partial class HubSessionGuard(
    SessionStore sessions,
    IAuthorizationService authorization,
    DatabaseOutage outage,
    TimeProvider time,
    ILogger<HubSessionGuard> logger) : IHubFilter
{
    /// <summary>The slow safety-net check of every open connection (events close ended sessions within a second).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TrackedConnection> _connections = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        if (!IsAppHub(invocationContext.Hub))
        {
            return await next(invocationContext);
        }
        var context = invocationContext.Context;
        var policies = Policies(invocationContext.HubMethod);
        ClaimsPrincipal? fresh;
        try
        {
            fresh = await CurrentPrincipalAsync(context.User, context.ConnectionAborted);
            outage.Answered();
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            // The session check cannot run (see SessionValidation for the rule and its reason): a read goes on with
            // the roles the connection was opened with; a change is refused, and the client keeps what was typed.
            if (!IsReadOnly(policies))
            {
                outage.Refused($"hub {invocationContext.HubMethodName}", ex);
                throw new HubException(SessionOutageGuard.NotSavedMessage);
            }
            outage.ServedWithoutCheck($"hub {invocationContext.HubMethodName}", ex);
            fresh = context.User;
        }
        if (fresh is null)
        {
            context.Abort();
            throw new HubException("Your session has ended. Sign in again.");
        }
        foreach (var policy in policies)
        {
            if (!(await authorization.AuthorizeAsync(fresh, policy)).Succeeded)
            {
                LogDenied(context.User?.Identity?.Name, invocationContext.HubMethodName, policy);
                throw new HubException("Your role does not allow this action.");
            }
        }
        try
        {
            return await next(invocationContext);
        }
        catch (Exception ex) when (ex is not HubException and not OperationCanceledException)
        {
            // SignalR's own log of failed invocations is turned off (see SecurityExtensions): it also logged every
            // deliberate refusal (a HubException with a message for the user) with its stack trace, one per call.
            // Real failures are logged here instead.
            LogFailed(ex, invocationContext.HubMethodName, context.User?.Identity?.Name);
            throw;
        }
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsAppHub(context.Hub)
            && Guid.TryParse(context.Context.User?.FindFirstValue(SessionValidation.SessionClaim), out var session))
        {
            _connections[context.Context.ConnectionId] = new TrackedConnection(
                session, context.Context.User?.FindFirstValue(ClaimTypes.NameIdentifier), context.Context);
        }
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>How many connections are followed.</summary>
    public int Count => _connections.Count;

    /// <summary>Closes every connection whose session ended or whose user has no role left. Returns how many.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        CloseEndedAsync(_connections.Values.ToArray(), cancellationToken);

    /// <summary>
    /// A session event (from <see cref="CircuitSessionRegistry"/>, on the listener's connection): the user's connections
    /// (only that session's when one session ended) check their session now, in the background.
    /// </summary>
    internal void OnSessionEvent(BarberPro.Core.Security.SessionEvent sessionEvent)
    {
        var concerned = _connections.Values
            .Where(c => string.Equals(c.UserId, sessionEvent.UserId, StringComparison.Ordinal)
                        && (sessionEvent.SessionId is null || c.Session == sessionEvent.SessionId))
            .ToArray();
        if (concerned.Length > 0)
        {
            LogEvent(sessionEvent.UserId, concerned.Length);
            _ = CloseEndedQuietlyAsync(concerned, "session event");
        }
    }

    /// <summary>Events may have been missed (the listener was cut off): every connection checks, in the background.</summary>
    internal void OnEventsMayHaveBeenMissed() => _ = CloseEndedQuietlyAsync(_connections.Values.ToArray(), "session events may have been missed");

    private async Task CloseEndedQuietlyAsync(TrackedConnection[] connections, string reason)
    {
        try
        {
            var closed = await CloseEndedAsync(connections, CancellationToken.None);
            if (closed > 0)
            {
                LogClosed(closed, reason);
            }
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
        {
            // An outage is not a reason to close sockets: the sweep checks again. Logged once per outage.
            outage.ServedWithoutCheck("hub session check", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCheckFailed(ex, reason);
        }
    }

    private async Task<int> CloseEndedAsync(TrackedConnection[] connections, CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var group in connections.GroupBy(c => c.Session))
        {
            var state = await sessions.CheckAsync(group.Key, cancellationToken);
            if (state is null || state.Roles.Count == 0)
            {
                foreach (var connection in group)
                {
                    // Forgotten at once: a later event or sweep must not count it again before its disconnect arrives.
                    if (_connections.TryRemove(connection.Context.ConnectionId, out _))
                    {
                        connection.Context.Abort();
                        closed++;
                    }
                }
            }
        }
        return closed;
    }

    /// <summary>A hub of this app (not the framework's, such as Blazor's circuit hub: see the class summary).</summary>
    private static bool IsAppHub(Hub hub) => hub.GetType().Assembly == typeof(HubSessionGuard).Assembly;

    private sealed record TrackedConnection(Guid Session, string? UserId, HubCallerContext Context);

    public TimeProvider Time => time;

    private async Task<ClaimsPrincipal?> CurrentPrincipalAsync(ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        if (user is null || !Guid.TryParse(user.FindFirstValue(SessionValidation.SessionClaim), out var session))
        {
            return null;
        }
        var state = await sessions.CheckAsync(session, cancellationToken);
        return state?.WithCurrentRoles(user);
    }

    /// <summary>A method that only needs <see cref="Policies.View"/> reads; any stronger policy marks a change.</summary>
    private static bool IsReadOnly(string[] policies) =>
        policies.All(p => p == BarberPro.Core.Security.Policies.View);

    // Hub methods never change at run time: read their [Authorize] attributes once, not on every call.
    private static readonly ConcurrentDictionary<MethodInfo, string[]> s_policies = new();

    private static string[] Policies(MethodInfo method) => s_policies.GetOrAdd(method, static m =>
        m.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
            .Concat(m.DeclaringType?.GetCustomAttributes<AuthorizeAttribute>(inherit: true) ?? [])
            .Select(a => a.Policy)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray());

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} called by {User} failed")]
    private partial void LogFailed(Exception ex, string method, string? user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} by {User} denied by policy {Policy} after a role change")]
    private partial void LogDenied(string? user, string method, string policy);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session event for user {UserId}: {Connections} hub connections check their session")]
    private partial void LogEvent(string userId, int connections);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connections whose session ended or lost its roles ({Reason})")]
    private partial void LogClosed(int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub session check failed ({Reason})")]
    private partial void LogCheckFailed(Exception ex, string reason);
}

/// <summary>Runs <see cref="HubSessionGuard.SweepAsync"/> every <see cref="HubSessionGuard.SweepInterval"/>.</summary>
internal sealed partial class HubSessionSweeper(HubSessionGuard guard, DatabaseOutage outage, ILogger<HubSessionSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(HubSessionGuard.SweepInterval, guard.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var closed = await guard.SweepAsync(stoppingToken);
                if (closed > 0)
                {
                    LogClosed(closed);
                }
            }
            catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
            {
                // An outage is not a reason to close sockets: the next sweep checks again. Logged once per outage.
                outage.ServedWithoutCheck("hub session sweep", ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed {Count} hub connections whose session ended or lost its roles")]
    private partial void LogClosed(int count);
}
