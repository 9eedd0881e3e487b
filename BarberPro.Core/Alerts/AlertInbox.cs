namespace BarberPro.Core.Alerts;

/// <summary>Where the inbox's data comes from and whether it could be read.</summary>
public enum AlertSourceStatus
{
    /// <summary>No poll finished yet.</summary>
    Starting,
    Ok,
    NotConfigured,
    Unavailable,
}

/// <summary>An alert firing now (from Alertmanager) or pending (from Prometheus), ready to show.</summary>
public sealed record InboxAlert(
    string Fingerprint,
    string AlertName,
    string Severity,
    bool Pending,
    DateTimeOffset Since,
    IReadOnlyDictionary<string, string> Labels,
    string Summary,
    string? RunbookPath,
    IReadOnlyList<string> SilencedBy);

/// <summary>One immutable state of the inbox, published by <see cref="AlertReader"/> after each poll.</summary>
public sealed record AlertInbox(
    long Version,
    DateTimeOffset? AsOf,
    AlertSourceStatus Alertmanager,
    string? AlertmanagerError,
    AlertSourceStatus Prometheus,
    string? PrometheusError,
    IReadOnlyList<InboxAlert> Firing,
    IReadOnlyList<InboxAlert> Pending,
    IReadOnlyList<Silence> Silences,
    IReadOnlyList<AlertTransition> Resolved,
    OvernightCount? Overnight)
{
    public static AlertInbox Empty { get; } = new(0, null, AlertSourceStatus.Starting, null, AlertSourceStatus.Starting, null, [], [], [], [], null);

    /// <summary>Set when the history could not be written or read this poll (the database is down).</summary>
    public string? HistoryError { get; init; }

    /// <summary>Every label name and the values seen on current alerts, for picking matchers (sorted).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> LabelValues()
    {
        var map = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var alert in Firing.Concat(Pending))
        {
            foreach (var (name, value) in alert.Labels)
            {
                if (!map.TryGetValue(name, out var values))
                {
                    map[name] = values = new SortedSet<string>(StringComparer.Ordinal);
                }

                values.Add(value);
            }
        }

        return map.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value], StringComparer.Ordinal);
    }
}

/// <summary>How many alert episodes started firing overnight: from 18:00 ART the day before to 09:00 ART (the morning check).</summary>
public sealed record OvernightCount(DateTimeOffset From, DateTimeOffset To, long Fired)
{
    /// <summary>The night that ends on the Argentina date of <paramref name="now"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) NightBefore(DateTimeOffset now)
    {
        var today = Time.ArgentinaTime.DateOf(now);
        return (Time.ArgentinaTime.ToInstant(today.AddDays(-1), new TimeOnly(18, 0)), Time.ArgentinaTime.ToInstant(today, new TimeOnly(9, 0)));
    }
}

/// <summary>Holds the newest <see cref="AlertInbox"/> and tells subscribers (the pages' circuits) when it changes. Singleton.</summary>
public sealed class AlertInboxStore
{
    private readonly SemaphoreSlim _refresh = new(0, 1);
    private AlertInbox _current = AlertInbox.Empty;

    public AlertInbox Current => Volatile.Read(ref _current);

    /// <summary>Raised after a new inbox is published (on the reader's thread; handlers must not block).</summary>
    public event Action<AlertInbox>? Changed;

    /// <summary>
    /// Makes <paramref name="inbox"/> the current one unless a newer one (a higher <see cref="AlertInbox.Version"/>) is
    /// already current: two polls that overlap (the reader's own and one a caller started) may finish in either order, and
    /// the one that began reading later must win. Returns whether it was published.
    /// </summary>
    public bool Publish(AlertInbox inbox)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        var current = Volatile.Read(ref _current);
        while (inbox.Version > current.Version)
        {
            var seen = Interlocked.CompareExchange(ref _current, inbox, current);
            if (ReferenceEquals(seen, current))
            {
                Changed?.Invoke(inbox);
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Asks the reader for a poll now (after a silence was saved or expired), instead of at the next interval.</summary>
    public void RequestRefresh()
    {
        try
        {
            _refresh.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already requested.
        }
    }

    internal Task WaitForRefreshAsync(CancellationToken cancellationToken) => _refresh.WaitAsync(cancellationToken);
}
