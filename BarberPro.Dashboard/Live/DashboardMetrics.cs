using System.Diagnostics.Metrics;
using BarberPro.Core.Live;

namespace BarberPro.Dashboard.Live;

/// <summary>The dashboard's own metrics, exposed at /metrics. Singleton: instruments live as long as the process.</summary>
public sealed class DashboardMetrics
{
    public const string MeterName = "BarberPro.Dashboard";

    private readonly Counter<long> _snapshots;
    private readonly Counter<long> _panelFailures;
    private long _viewers;

    public DashboardMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _snapshots = meter.CreateCounter<long>("barberpro_dashboard_snapshots_broadcast_total",
            description: "Live snapshots sent to all viewers.");
        _panelFailures = meter.CreateCounter<long>("barberpro_dashboard_panel_failures_total",
            description: "Panels that were stale or in error in a broadcast snapshot.");
        meter.CreateObservableGauge("barberpro_dashboard_live_viewers", () => Interlocked.Read(ref _viewers),
            description: "Live screens connected to this instance.");
    }

    public void ViewerConnected() => Interlocked.Increment(ref _viewers);

    public void ViewerDisconnected() => Interlocked.Decrement(ref _viewers);

    public void SnapshotBroadcast(LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshots.Add(1);
        foreach (var panel in snapshot.Panels)
        {
            if (panel.Status != PanelStatus.Data)
            {
                _panelFailures.Add(1, new KeyValuePair<string, object?>("panel", panel.Key));
            }
        }
    }
}
