using System.Globalization;
using System.Security.Claims;
using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// The authentication state of a Blazor circuit, kept true to the server-side session (<see cref="SessionStore"/>) for
/// as long as the circuit lives. A circuit authenticates once, when its socket opens; without this a signed-out,
/// disabled or demoted user's open page would keep what it showed and could keep acting. The session is checked again:
/// <list type="bullet">
/// <item>at once when a session event for that user arrives (<see cref="CircuitSessionRegistry"/>, PostgreSQL NOTIFY
/// from the committing transaction, any instance): sign-out, disabling, password reset, role change, deletion;</item>
/// <item>at the session's absolute expiry instant (a <see cref="TimeProvider"/> timer);</item>
/// <item>every <see cref="SafetyNetInterval"/>, in case a notification was lost in flight;</item>
/// <item>before every component action that asks <see cref="CircuitAccess"/>.</item>
/// </list>
/// An ended or expired session becomes the anonymous state (the router's <c>AuthorizeRouteView</c> then sends the page
/// to sign-in); a role change becomes a new principal with the current roles (what the role no longer allows
/// disappears from <c>AuthorizeView</c>s and the drawer). When the check cannot run (database down) the state is kept:
/// an outage is not a sign-out (the rule of <see cref="SessionValidation"/>; <see cref="CircuitAccess"/> refuses
/// changes meanwhile).
/// </summary>
/// <remarks>
/// Derived from <see cref="ServerAuthenticationStateProvider"/> rather than
/// <see cref="RevalidatingServerAuthenticationStateProvider"/>: the latter can only sign a circuit out, on a fixed
/// interval, while a role change here must replace the principal, on an event. Scoped: one per circuit (and one per
/// static render, where nothing fires before the request ends).
/// </remarks>
public sealed partial class CircuitAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    /// <summary>The slow periodic check behind the events.</summary>
    public static readonly TimeSpan SafetyNetInterval = TimeSpan.FromMinutes(5);

    private static readonly AuthenticationState s_anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly CircuitSessionRegistry _registry;
    private readonly SessionStore _sessions;
    private readonly DatabaseOutage _outage;
    private readonly TimeProvider _time;
    private readonly ILogger<CircuitAuthenticationStateProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _lock = new();
    private Tracked? _tracked;

    public CircuitAuthenticationStateProvider(CircuitSessionRegistry registry, SessionStore sessions, DatabaseOutage outage,
        TimeProvider time, ILogger<CircuitAuthenticationStateProvider> logger)
    {
        _registry = registry;
        _sessions = sessions;
        _outage = outage;
        _time = time;
        _logger = logger;
        AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    /// <summary>The server-side session this state belongs to, or null when anonymous.</summary>
    public Guid? SessionId => _tracked?.Session;

    /// <summary>
    /// Checks the session against the database now and updates the state: anonymous when it ended, the current roles
    /// otherwise. Returns false when the check could not run (the database did not answer); the state is kept then.
    /// </summary>
    public async Task<bool> RevalidateAsync(string reason, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        await _gate.WaitAsync(linked.Token);
        try
        {
            if (_tracked is not { } tracked)
            {
                LogNothingTracked(reason);
                return true;
            }
            var user = (await GetAuthenticationStateAsync()).User;
            SessionState? state;
            try
            {
                state = await _sessions.CheckAsync(tracked.Session, linked.Token);
                _outage.Answered();
            }
            catch (Exception ex) when (DurableTransaction.IsUnavailable(ex))
            {
                _outage.ServedWithoutCheck("circuit session check", ex);
                return false;
            }
            if (state is null || state.UserId != tracked.UserId)
            {
                LogRevoked(user.Identity?.Name, tracked.Session, reason);
                SetAuthenticationState(Task.FromResult(s_anonymous));
                return true;
            }
            ScheduleExpiry(tracked, state.ExpiresAt);
            var before = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToArray();
            var after = state.Roles.Order(StringComparer.Ordinal).ToArray();
            if (!before.SequenceEqual(after, StringComparer.Ordinal))
            {
                LogRolesChanged(user.Identity?.Name, tracked.Session, string.Join(",", before), string.Join(",", after), reason);
                SetAuthenticationState(Task.FromResult(new AuthenticationState(state.WithCurrentRoles(user))));
            }
            else
            {
                LogStillValid(user.Identity?.Name, tracked.Session, reason);
            }
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A session event for this circuit's user arrived (from <see cref="CircuitSessionRegistry"/>).</summary>
    internal void OnSessionEvent(string reason) => Fire(reason);

    public void Dispose()
    {
        AuthenticationStateChanged -= OnAuthenticationStateChanged;
        Untrack();
        if (!_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
        }
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            Track(task.Result.User);
        }
        else
        {
            _ = TrackWhenKnownAsync(task);
        }
    }

    private async Task TrackWhenKnownAsync(Task<AuthenticationState> task)
    {
        try
        {
            Track((await task).User);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Untrack();
        }
    }

    /// <summary>Follows the principal's session: a new one (sign-in, reconnect as someone else) replaces the old.</summary>
    private void Track(ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !Guid.TryParse(user.FindFirstValue(SessionValidation.SessionClaim), out var session))
        {
            Untrack();
            return;
        }
        lock (_lock)
        {
            if (_tracked is { } current && current.Session == session && current.UserId == userId)
            {
                return;
            }
        }
        Untrack();
        var tracked = new Tracked(session, userId);
        tracked.Periodic = _time.CreateTimer(static s => ((CircuitAuthenticationStateProvider)s!).Fire("periodic"), this,
            SafetyNetInterval, SafetyNetInterval);
        if (long.TryParse(user.FindFirstValue(SessionValidation.SessionExpiresClaim), NumberStyles.None,
                CultureInfo.InvariantCulture, out var expiresMs))
        {
            ScheduleExpiry(tracked, DateTimeOffset.FromUnixTimeMilliseconds(expiresMs));
        }
        lock (_lock)
        {
            _tracked = tracked;
        }
        _registry.Add(userId, this);
        LogTracking(user.Identity?.Name, session);
    }

    private void Untrack()
    {
        Tracked? old;
        lock (_lock)
        {
            old = _tracked;
            _tracked = null;
        }
        if (old is not null)
        {
            _registry.Remove(old.UserId, this);
            old.Dispose();
            LogUntracked(old.Session);
        }
    }

    private void ScheduleExpiry(Tracked tracked, DateTimeOffset expiresAt)
    {
        if (tracked.ExpiresAt == expiresAt)
        {
            return;
        }
        tracked.ExpiresAt = expiresAt;
        // At the instant itself the session no longer counts (SessionStore: expires_at > now). Timers take at most
        // about 49 days; a session lives 24 h.
        var due = TimeSpan.FromTicks(Math.Clamp((expiresAt - _time.GetUtcNow()).Ticks, 0, TimeSpan.FromDays(40).Ticks));
        tracked.Expiry?.Dispose();
        tracked.Expiry = _time.CreateTimer(static s => ((CircuitAuthenticationStateProvider)s!).Fire("session expired"), this,
            due, Timeout.InfiniteTimeSpan);
        if (tracked.IsDisposed)
        {
            // The circuit closed meanwhile (Untrack disposed its tracking): no timer may outlive it.
            tracked.Expiry.Dispose();
        }
    }

    private void Fire(string reason) => _ = RevalidateQuietlyAsync(reason);

    private async Task RevalidateQuietlyAsync(string reason)
    {
        try
        {
            await RevalidateAsync(reason, CancellationToken.None);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogRevalidationFailed(ex, reason);
        }
    }

    private sealed class Tracked(Guid session, string userId) : IDisposable
    {
        public Guid Session { get; } = session;

        public string UserId { get; } = userId;

        public DateTimeOffset? ExpiresAt { get; set; }

        public ITimer? Periodic { get; set; }

        public ITimer? Expiry { get; set; }

        public bool IsDisposed => _disposed;

        private volatile bool _disposed;

        public void Dispose()
        {
            _disposed = true;
            Periodic?.Dispose();
            Expiry?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Circuit of {User} signed out: session {SessionId} no longer valid ({Reason})")]
    private partial void LogRevoked(string? user, Guid sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Circuit of {User} (session {SessionId}) now has roles {NewRoles} instead of {OldRoles} ({Reason})")]
    private partial void LogRolesChanged(string? user, Guid sessionId, string oldRoles, string newRoles, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Circuit of {User} follows session {SessionId}")]
    private partial void LogTracking(string? user, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Circuit no longer follows session {SessionId}")]
    private partial void LogUntracked(Guid sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Circuit of {User}: session {SessionId} still valid, roles unchanged ({Reason})")]
    private partial void LogStillValid(string? user, Guid sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Circuit session check ({Reason}) skipped: the circuit follows no session")]
    private partial void LogNothingTracked(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Circuit session check failed ({Reason})")]
    private partial void LogRevalidationFailed(Exception ex, string reason);
}
