namespace BarberPro.Core.Security;

/// <summary>
/// The PostgreSQL NOTIFY channel of session events: a session ended, a user disabled or deleted, a password or security
/// stamp changed, a role added or removed. Triggers of migration 0009 send them from inside the transaction of the
/// change, so an event exists only if its change committed, whichever code path made it. The payload names the user
/// and, when one session ended, that session ("user" or "user:session"); listeners re-read the session's state.
/// </summary>
public static class SessionEvents
{
    public const string Channel = "session_events";

    public static bool TryParse(string payload, out SessionEvent sessionEvent)
    {
        ArgumentNullException.ThrowIfNull(payload);
        sessionEvent = default;
        var colon = payload.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? payload : payload[..colon];
        if (user.Length is 0 or > 450)
        {
            return false;
        }
        if (colon < 0)
        {
            sessionEvent = new SessionEvent(user, null);
            return true;
        }
        if (!Guid.TryParseExact(payload.AsSpan(colon + 1), "D", out var session))
        {
            return false;
        }
        sessionEvent = new SessionEvent(user, session);
        return true;
    }
}

/// <summary>Something changed for <paramref name="UserId"/>: one session of theirs (<paramref name="SessionId"/>) or all of them (null).</summary>
public readonly record struct SessionEvent(string UserId, Guid? SessionId);
