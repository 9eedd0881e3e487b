using Microsoft.Extensions.Options;

namespace BarberPro.Core.Live;

/// <summary>
/// The <see cref="LiveView"/> of the latest snapshot, computed once per snapshot and shared by every circuit, the wall
/// and the live API. Singleton. Hands out the current view, then each change, through a disposable subscription.
/// One process-wide timer (on <see cref="TimeProvider"/>) republishes the view marked stalled when no snapshot has
/// arrived for two poll intervals, so no circuit needs a timer of its own.
/// </summary>
public sealed class LiveViewStore : IDisposable
{
    /// <summary>A view is stalled when no snapshot arrived for this many poll intervals.</summary>
    public const int StallAfterIntervals = 2;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly IDisposable _subscription;
    private readonly ITimer _stallTimer;
    private LiveSnapshot _snapshot;
    private DateTimeOffset _lastArrival;
    private volatile LiveView _current;
    private Action<LiveView>[] _subscribers = [];

    public LiveViewStore(LiveSnapshotStore snapshots, TimeProvider time, IOptions<LiveOptions> options)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _pollInterval = options.Value.PollInterval;
        _snapshot = snapshots.Current;
        _lastArrival = time.GetUtcNow();
        _current = LiveViewBuilder.Build(_snapshot);
        _subscription = snapshots.Subscribe(OnSnapshot);
        _stallTimer = time.CreateTimer(_ => CheckStalled(), null, _pollInterval, _pollInterval);
    }

    public LiveView Current => _current;

    /// <summary>
    /// Calls <paramref name="onView"/> with each new view until disposed. Keep it short (it runs on the poller or the
    /// stall timer): a component only schedules a render.
    /// </summary>
    public IDisposable Subscribe(Action<LiveView> onView)
    {
        ArgumentNullException.ThrowIfNull(onView);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onView];
        }
        return new Subscription(this, onView);
    }

    /// <summary>Republishes the view marked stalled once no snapshot has arrived for two poll intervals.</summary>
    public void CheckStalled()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_current.Stalled || now - _lastArrival < _pollInterval * StallAfterIntervals)
            {
                return;
            }
            _current = LiveViewBuilder.Build(_snapshot, now);
            Notify(_current);
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _stallTimer.Dispose();
    }

    private void OnSnapshot(LiveSnapshot snapshot)
    {
        var view = LiveViewBuilder.Build(snapshot);
        lock (_gate)
        {
            if (snapshot.Version < _snapshot.Version)
            {
                return;
            }
            _snapshot = snapshot;
            _lastArrival = _time.GetUtcNow();
            _current = view;
            // Under the lock, so subscribers see views in order even when the stall timer races a new snapshot.
            Notify(view);
        }
    }

    private void Notify(LiveView view)
    {
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber(view);
        }
    }

    private void Unsubscribe(Action<LiveView> onView)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Where(s => s != onView).ToArray();
        }
    }

    private sealed class Subscription(LiveViewStore store, Action<LiveView> onView) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                store.Unsubscribe(onView);
            }
        }
    }
}
