namespace BarberPro.Core.Live;

/// <summary>
/// Holds the latest <see cref="LiveSnapshot"/> and tells subscribers of each new one. Singleton: one per process,
/// written only by <see cref="LivePoller"/>, read by every page render and by the hub broadcaster.
/// </summary>
public sealed class LiveSnapshotStore
{
    private readonly Lock _gate = new();
    private volatile LiveSnapshot _current;
    private Action<LiveSnapshot>[] _subscribers = [];

    public LiveSnapshotStore(Microsoft.Extensions.Options.IOptions<LiveOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = LiveSnapshot.Empty(options.Value.PollInterval);
    }

    public LiveSnapshot Current => _current;

    public void Publish(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _current = snapshot;
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(snapshot);
        }
    }

    /// <summary>Calls <paramref name="onSnapshot"/> with each new snapshot until disposed. Keep it short: it runs on the poller.</summary>
    public IDisposable Subscribe(Action<LiveSnapshot> onSnapshot)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onSnapshot];
        }
        return new Subscription(this, onSnapshot);
    }

    private void Unsubscribe(Action<LiveSnapshot> onSnapshot)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != onSnapshot).ToArray();
        }
    }

    private sealed class Subscription(LiveSnapshotStore store, Action<LiveSnapshot> onSnapshot) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                store.Unsubscribe(onSnapshot);
            }
        }
    }
}
