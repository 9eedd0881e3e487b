using Microsoft.Extensions.Options;

namespace BarberPro.Core.Live;

/// <summary>
/// The <see cref="LiveView"/>s of the latest snapshot, one per language (<see cref="ILiveWords"/>: English, then those
/// the dashboard gives), computed once per snapshot and shared by every circuit of that language, the wall and the live
/// API (English). Singleton. Hands out the current view, then each change, through a disposable subscription.
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
    private readonly ILiveWords[] _languages;
    private volatile LiveView[] _current;
    private (Action<LiveView> OnView, int Language)[] _subscribers = [];
    private long _built;

    public LiveViewStore(LiveSnapshotStore snapshots, TimeProvider time, IOptions<LiveOptions> options)
        : this(snapshots, time, options, [])
    {
    }

    /// <param name="languages">The languages besides English whose views are built for each snapshot.</param>
    public LiveViewStore(LiveSnapshotStore snapshots, TimeProvider time, IOptions<LiveOptions> options, IEnumerable<ILiveWords> languages)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(languages);
        _time = time;
        _pollInterval = options.Value.PollInterval;
        _languages = [LiveWords.English, .. languages.Where(l => l.Language != LiveWords.EnglishLanguage)];
        _snapshot = snapshots.Current;
        _lastArrival = time.GetUtcNow();
        _current = BuildAll(_snapshot, null);
        _subscription = snapshots.Subscribe(OnSnapshot);
        _stallTimer = time.CreateTimer(_ => CheckStalled(), null, _pollInterval, _pollInterval);
    }

    /// <summary>The English view (the live API's).</summary>
    public LiveView Current => _current[0];

    /// <summary>The languages a view is built in, English first.</summary>
    public IReadOnlyList<string> Languages => [.. _languages.Select(l => l.Language)];

    /// <summary>How many views were built since start: one per snapshot (or stall) and language, whatever the number of
    /// circuits.</summary>
    public long ViewsBuilt => Interlocked.Read(ref _built);

    /// <summary>The view in <paramref name="language"/> ("es-AR"), or the English one for a language not built.</summary>
    public LiveView CurrentIn(string? language) => _current[IndexOf(language)];

    /// <summary>
    /// Calls <paramref name="onView"/> with each new view in <paramref name="language"/> (English when null or not
    /// built) until disposed. Keep it short (it runs on the poller or the stall timer): a component only schedules a
    /// render.
    /// </summary>
    public IDisposable Subscribe(Action<LiveView> onView, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(onView);
        var entry = (onView, IndexOf(language));
        lock (_gate)
        {
            _subscribers = [.. _subscribers, entry];
        }
        return new Subscription(this, entry);
    }

    private int IndexOf(string? language)
    {
        for (var i = 0; i < _languages.Length; i++)
        {
            if (string.Equals(_languages[i].Language, language, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return 0;
    }

    private LiveView[] BuildAll(LiveSnapshot snapshot, DateTimeOffset? stalledAt)
    {
        Interlocked.Add(ref _built, _languages.Length);
        return [.. _languages.Select(words => LiveViewBuilder.Build(snapshot, words, stalledAt))];
    }

    /// <summary>Republishes the view marked stalled once no snapshot has arrived for two poll intervals.</summary>
    public void CheckStalled()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_current[0].Stalled || now - _lastArrival < _pollInterval * StallAfterIntervals)
            {
                return;
            }
            _current = BuildAll(_snapshot, now);
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
        var views = BuildAll(snapshot, null);
        lock (_gate)
        {
            if (snapshot.Version < _snapshot.Version)
            {
                return;
            }
            _snapshot = snapshot;
            _lastArrival = _time.GetUtcNow();
            _current = views;
            // Under the lock, so subscribers see views in order even when the stall timer races a new snapshot.
            Notify(views);
        }
    }

    private void Notify(LiveView[] views)
    {
        foreach (var (onView, language) in Volatile.Read(ref _subscribers))
        {
            onView(views[language]);
        }
    }

    private void Unsubscribe((Action<LiveView> OnView, int Language) entry)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, entry);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(LiveViewStore store, (Action<LiveView> OnView, int Language) entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                store.Unsubscribe(entry);
            }
        }
    }
}
