using BarberPro.Core.Live;
using Prometheus;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// The live screen's own metrics, exposed at /metrics with the rest of the app's registry. Singleton: the series
/// live as long as the process. The snapshot age is computed just before each collection, so a poller that has
/// stopped shows as a growing age rather than as a stale value.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    /// <summary>The value of the <c>kind</c> label for live screens connected through <c>/hubs/live</c>.</summary>
    public const string HubConnection = "hub";

    private static readonly double[] s_pollBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly LiveSnapshotStore _store;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;
    private readonly Counter _snapshots;
    private readonly Counter _panelFailures;
    private readonly Gauge _connections;
    private readonly Gauge _snapshotAge;
    private readonly Histogram _pollDuration;
    private readonly IDisposable _subscription;

    public DashboardMetrics(IMetricFactory metrics, CollectorRegistry registry, LiveSnapshotStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(registry);
        _store = store;
        _time = time;
        _startedAt = time.GetUtcNow();
        _snapshots = metrics.CreateCounter("barberpro_dashboard_snapshots_broadcast_total",
            "Live snapshots sent to all viewers.");
        _panelFailures = metrics.CreateCounter("barberpro_dashboard_panel_failures_total",
            "Panels that were stale or in error in a broadcast snapshot.", ["panel"]);
        _connections = metrics.CreateGauge("barberpro_dashboard_live_connections",
            "Live screens connected to this instance, by kind of connection (hub: /hubs/live).", ["kind"]);
        _snapshotAge = metrics.CreateGauge("barberpro_dashboard_snapshot_age_seconds",
            "Seconds since the poll that produced the current live snapshot started (since start-up while there is none).");
        _pollDuration = metrics.CreateHistogram("barberpro_dashboard_poll_duration_seconds",
            "Time from the start of a poll of every panel to the publication of its snapshot.",
            new HistogramConfiguration { Buckets = s_pollBuckets });

        // The series exists at 0 before the first viewer connects, so a scrape tells "nobody" from "unknown".
        _connections.WithLabels(HubConnection).Set(0);
        _subscription = store.Subscribe(snapshot => _pollDuration.Observe((_time.GetUtcNow() - snapshot.GeneratedAt).TotalSeconds));
        registry.AddBeforeCollectCallback(UpdateSnapshotAge);
    }

    public void ViewerConnected() => _connections.WithLabels(HubConnection).Inc();

    public void ViewerDisconnected() => _connections.WithLabels(HubConnection).Dec();

    /// <summary>Counts a view sent to the live API. A stalled view repeats the last snapshot: it counts no snapshot and no failure.</summary>
    public void ViewBroadcast(LiveView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Stalled)
        {
            return;
        }
        _snapshots.Inc();
        foreach (var panel in view.Panels)
        {
            if (panel.Status != PanelStatus.Data)
            {
                _panelFailures.WithLabels(panel.Key).Inc();
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void UpdateSnapshotAge()
    {
        var current = _store.Current;
        var since = current.Version == 0 ? _startedAt : current.GeneratedAt;
        _snapshotAge.Set(Math.Max(0, (_time.GetUtcNow() - since).TotalSeconds));
    }
}
