using BarberPro.Core.Persistence;

namespace BarberPro.Dashboard.Persistence;

/// <summary>
/// Logs a dashboard-database outage once, not once per refused call: the first failure is logged with its cause, the
/// ones after it are only counted, and the first success after them logs how long it lasted and the counts. (Logging
/// every refusal with its stack trace grew one instance's log to 81 MB in a few minutes.) Singleton, thread-safe.
/// </summary>
public sealed partial class DatabaseOutage(TimeProvider time, ILogger<DatabaseOutage> logger)
{
    /// <summary>
    /// A success this soon after a failure does not end the outage: calls that were already past the database when
    /// it went down still succeed for a moment, and would otherwise split one outage into several log lines.
    /// </summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private DateTimeOffset? _since;
    private DateTimeOffset _lastFailure;
    private long _servedFromCookie;
    private long _refused;

    /// <summary>True from the first failure until the next success.</summary>
    public bool IsOngoing
    {
        get
        {
            lock (_lock)
            {
                return _since is not null;
            }
        }
    }

    /// <summary>A read went on without the session check (fail open): the cookie's roles were trusted.</summary>
    public void ServedWithoutCheck(string what, Exception cause) => Record(what, cause, refused: false);

    /// <summary>A change or a page was refused because the database did not answer.</summary>
    public void Refused(string what, Exception cause) => Record(what, cause, refused: true);

    /// <summary>The database answered: ends the outage, if there was one, with its summary.</summary>
    public void Answered()
    {
        // Cheap on the hot path: every successful session check calls this.
        if (Volatile.Read(ref _servedFromCookie) == 0 && Volatile.Read(ref _refused) == 0)
        {
            return;
        }
        DateTimeOffset since;
        long served, refused;
        lock (_lock)
        {
            if (_since is not { } start || time.GetUtcNow() - _lastFailure < QuietPeriod)
            {
                return;
            }
            since = start;
            served = _servedFromCookie;
            refused = _refused;
            _since = null;
            _servedFromCookie = 0;
            _refused = 0;
        }
        LogEnded((time.GetUtcNow() - since).TotalSeconds, refused, served);
    }

    private void Record(string what, Exception cause, bool refused)
    {
        bool first;
        lock (_lock)
        {
            first = _since is null;
            _lastFailure = time.GetUtcNow();
            _since ??= _lastFailure;
            if (refused)
            {
                _refused++;
            }
            else
            {
                _servedFromCookie++;
            }
        }
        if (first)
        {
            // The cause's message only: its stack trace says nothing about a server that does not answer.
            LogStarted(what, cause.GetType().Name, Innermost(cause).Message);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner && DurableTransaction.IsUnavailable(inner))
        {
            ex = inner;
        }
        return ex;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Dashboard database unavailable ({What}: {ExceptionType}: {Cause}); changes are refused and reads served from the last snapshot until it answers; further refusals are counted, not logged")]
    private partial void LogStarted(string what, string exceptionType, string cause);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Dashboard database answers again after {Seconds:F1} s: {Refused} calls refused, {Served} reads served without a session check")]
    private partial void LogEnded(double seconds, long refused, long served);
}
