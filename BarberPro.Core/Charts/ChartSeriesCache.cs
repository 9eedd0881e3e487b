using System.Collections.Concurrent;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Charts;

/// <summary>
/// Range series of the charts, shared by every viewer of the process: an entry is keyed by (chart, range, aligned
/// window end), so all viewers who open the same chart within one step ask Prometheus once.
/// <list type="bullet">
/// <item><b>Stampede protection</b>: the first miss stores a lazily started task under the key and every concurrent
/// caller awaits that same task, so a hundred viewers arriving together cause one range query per line of the chart.
/// The shared query runs on its own (the Prometheus client's timeout and retries end it), so one caller giving up does
/// not cancel it for the others; each caller stops waiting when its own token is cancelled.</item>
/// <item><b>Expiry follows the alignment</b>: <see cref="RangeStep"/> floors the window end to the step, so the key
/// changes exactly when the next aligned point exists; an entry expires at its window end + one step, the instant no
/// caller can ask for it any more.</item>
/// <item><b>Bounded</b>: at most <see cref="MaxEntries"/> entries (4 charts × 5 ranges need 20 at a time); when full,
/// expired entries go first, then the oldest.</item>
/// <item>A failed query is not cached: the callers waiting on it get the error, the next caller asks again.</item>
/// </list>
/// A small keyed map of lazy tasks rather than <c>HybridCache</c>: the expiry is an instant on the app's
/// <see cref="TimeProvider"/> (tests move a manual clock across a step), values are shared as they are (immutable
/// records, no serialisation round trip per hit) and there is no second-level store to configure. Singleton.
/// </summary>
public sealed class ChartSeriesCache
{
    public const int DefaultMaxEntries = 64;

    private readonly PrometheusClient _client;
    private readonly PanelQueryCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private long _sequence;

    public ChartSeriesCache(PrometheusClient client, PanelQueryCatalog catalog, TimeProvider time, int maxEntries = DefaultMaxEntries)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _client = client;
        _catalog = catalog;
        _time = time;
        MaxEntries = maxEntries;
    }

    public int MaxEntries { get; }

    /// <summary>Entries held now (in flight or answered).</summary>
    public int Count => _entries.Count;

    /// <summary>The series of <paramref name="chart"/> (see <see cref="ChartKeys"/>) over <paramref name="range"/> (see
    /// <see cref="RangeStep.StandardRanges"/>) ending now, from the cache or from one shared query.</summary>
    /// <exception cref="ArgumentException">Unknown chart or range.</exception>
    /// <exception cref="PrometheusException">Prometheus could not answer.</exception>
    public async Task<ChartSeries> GetAsync(string chart, string range, CancellationToken cancellationToken)
    {
        var definition = chart is not null && ChartCatalog.Charts.TryGetValue(chart, out var d)
            ? d
            : throw new ArgumentException($"chart must be one of: {string.Join(", ", ChartCatalog.Charts.Keys)}.", nameof(chart));
        var span = range is not null && RangeStep.StandardRanges.TryGetValue(range, out var s)
            ? s
            : throw new ArgumentException($"range must be one of: {string.Join(", ", RangeStep.StandardRanges.Keys)}.", nameof(range));

        var now = _time.GetUtcNow();
        var window = _catalog.RangeWindow(now, span);
        var key = new Key(chart, range, window.End);
        var entry = _entries.GetOrAdd(key, static (k, state) => new Entry(
            new Lazy<Task<ChartSeries>>(() => state.Cache.LoadAsync(k, state.Definition, state.Window)),
            state.Window.End + state.Window.Step,
            Interlocked.Increment(ref state.Cache._sequence)), (Cache: this, Definition: definition, Window: window));
        if (_entries.Count > MaxEntries)
        {
            Trim(now);
        }

        var task = entry.Load.Value;
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            // The shared query failed (not merely this caller's wait): forget it, so the next caller asks again.
            // Only this entry, not one a later caller may already have put in its place.
            _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            throw;
        }
    }

    private async Task<ChartSeries> LoadAsync(Key key, ChartDefinition definition, RangeWindow window)
    {
        // Not the first caller's token: the query is shared by everyone waiting on it.
        var lines = await Task.WhenAll(definition.Lines.Select(async line =>
        {
            var query = ChartQueries.Render(_catalog, line, window);
            var matrix = await _client.QueryRangeAsync(query, window, CancellationToken.None).ConfigureAwait(false);
            return new ChartSeriesLine(line.Name, Fill(matrix.Series.FirstOrDefault()?.Points ?? [], window, line.Scale));
        })).ConfigureAwait(false);
        return new ChartSeries(key.Chart, key.Range, definition.Title, definition.Unit, window.Step, window.Start, window.End, lines);
    }

    /// <summary>One point per step of the window; a step Prometheus had no (finite) value for is null.</summary>
    internal static IReadOnlyList<ChartPoint> Fill(IReadOnlyList<PrometheusSample> samples, RangeWindow window, double scale)
    {
        var byTime = new Dictionary<long, double>(samples.Count);
        foreach (var sample in samples)
        {
            if (double.IsFinite(sample.Value))
            {
                byTime[sample.Timestamp.ToUnixTimeMilliseconds()] = Math.Round(sample.Value * scale, 4);
            }
        }

        var points = new ChartPoint[window.PointCount];
        var start = window.Start.ToUnixTimeMilliseconds();
        var step = (long)window.Step.TotalMilliseconds;
        for (var i = 0; i < points.Length; i++)
        {
            var at = start + (i * step);
            points[i] = new ChartPoint(at, byTime.TryGetValue(at, out var value) ? value : null);
        }

        return points;
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            }
        }

        var excess = _entries.Count - MaxEntries;
        if (excess > 0)
        {
            foreach (var (key, entry) in _entries.OrderBy(e => e.Value.Sequence).Take(excess).ToList())
            {
                _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            }
        }
    }

    private readonly record struct Key(string Chart, string Range, DateTimeOffset End);

    private sealed record Entry(Lazy<Task<ChartSeries>> Load, DateTimeOffset ExpiresAt, long Sequence);
}
