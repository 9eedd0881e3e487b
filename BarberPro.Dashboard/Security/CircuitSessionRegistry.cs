using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// The session channel of the instance's <see cref="DatabaseEventListener"/>: knows which circuits (their
/// <see cref="CircuitAuthenticationStateProvider"/>) belong to which user, and on each session event
/// (<see cref="SessionEvents"/>) has the circuits concerned check their session at once: every circuit of the user for a
/// user-wide change, only the circuits of that session when one session ended. The app's hub connections hear the same
/// events (<see cref="HubSessionGuard"/>). When the listener was cut off, events may have been missed, so every circuit
/// and every hub connection checks. Singleton.
/// </summary>
public sealed partial class CircuitSessionRegistry(HubSessionGuard hubs, ILogger<CircuitSessionRegistry> logger) : IDatabaseEventChannel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<CircuitAuthenticationStateProvider>> _byUser = new(StringComparer.Ordinal);

    public string Channel => SessionEvents.Channel;

    /// <summary>How many circuits (and static renders in progress) are followed.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byUser.Values.Sum(s => s.Count);
            }
        }
    }

    public void OnNotification(string payload)
    {
        if (!SessionEvents.TryParse(payload, out var sessionEvent))
        {
            LogBadPayload(payload);
            return;
        }
        var ofUser = Of(sessionEvent.UserId);
        var concerned = ofUser
            .Where(p => sessionEvent.SessionId is null || p.SessionId == sessionEvent.SessionId)
            .ToArray();
        LogEvent(sessionEvent.UserId, sessionEvent.SessionId, ofUser.Length, concerned.Length);
        foreach (var provider in concerned)
        {
            provider.OnSessionEvent("session event");
        }
        hubs.OnSessionEvent(sessionEvent);
    }

    public Task OnListeningAsync(bool eventsMayHaveBeenMissed)
    {
        if (eventsMayHaveBeenMissed)
        {
            CircuitAuthenticationStateProvider[] all;
            lock (_lock)
            {
                all = _byUser.Values.SelectMany(s => s).ToArray();
            }
            foreach (var provider in all)
            {
                provider.OnSessionEvent("session events may have been missed");
            }
            hubs.OnEventsMayHaveBeenMissed();
        }
        return Task.CompletedTask;
    }

    // The periodic check of every circuit goes on meanwhile; the catch-up comes when the listener is back.
    public Task OnListeningLostAsync() => Task.CompletedTask;

    internal void Add(string userId, CircuitAuthenticationStateProvider provider)
    {
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out var set))
            {
                _byUser[userId] = set = [];
            }
            set.Add(provider);
        }
    }

    internal void Remove(string userId, CircuitAuthenticationStateProvider provider)
    {
        lock (_lock)
        {
            if (_byUser.TryGetValue(userId, out var set) && set.Remove(provider) && set.Count == 0)
            {
                _byUser.Remove(userId);
            }
        }
    }

    private CircuitAuthenticationStateProvider[] Of(string userId)
    {
        lock (_lock)
        {
            return _byUser.TryGetValue(userId, out var set) ? [.. set] : [];
        }
    }

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Session event for user {UserId} (session {SessionId}): {Circuits} of the user's {Tracked} tracked circuits check their session")]
    private partial void LogEvent(string userId, Guid? sessionId, int tracked, int circuits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed session event payload {Payload}")]
    private partial void LogBadPayload(string payload);
}
