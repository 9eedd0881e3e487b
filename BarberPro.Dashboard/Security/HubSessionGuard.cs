using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Keeps hub connections honest after the handshake. A WebSocket authenticates once, at the handshake; without this,
/// a disabled user or a demoted Operator could keep a socket open and keep acting. So:
/// - every hub method call re-reads the session and the user's current roles, and checks the method's
///   [Authorize] policy against them (a demoted Operator's next tick is refused at once);
/// - every <see cref="SweepInterval"/> the open connections are re-checked and those whose session has ended or
///   whose user lost every role are closed: a role change or disabling reaches a live screen within that window.
/// Singleton: it tracks every connection of the process.
/// </summary>
public sealed partial class HubSessionGuard(
    SessionStore sessions,
    IAuthorizationService authorization,
    DatabaseOutage outage,
    TimeProvider time,
    ILogger<HubSessionGuard> logger) : IHubFilter
{
    /// <summary>The documented upper bound for a role change or disabling to reach an open live screen.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Guid Session, HubCallerContext Context)> _connections = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
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
        if (Guid.TryParse(context.Context.User?.FindFirstValue(SessionValidation.SessionClaim), out var session))
        {
            _connections[context.Context.ConnectionId] = (session, context.Context);
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

    /// <summary>Closes every connection whose session ended or whose user has no role left. Returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var group in _connections.GroupBy(c => c.Value.Session))
        {
            var state = await sessions.CheckAsync(group.Key, cancellationToken);
            if (state is null || state.Roles.Count == 0)
            {
                foreach (var (_, (_, context)) in group)
                {
                    context.Abort();
                    closed++;
                }
            }
        }
        return closed;
    }

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
