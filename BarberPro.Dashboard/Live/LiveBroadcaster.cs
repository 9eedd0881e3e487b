using System.Threading.Channels;
using BarberPro.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// Sends each new snapshot once to all live screens. SignalR serialises a message sent to All once per protocol, not
/// once per connection. A capacity-one channel that drops the older item coalesces bursts: a slow send never
/// queues up snapshots, the next send simply carries the newest.
/// </summary>
internal sealed partial class LiveBroadcaster(
    LiveSnapshotStore store,
    IHubContext<LiveHub, ILiveClient> hub,
    DashboardMetrics metrics,
    ILogger<LiveBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = Channel.CreateBounded<LiveSnapshot>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var subscription = store.Subscribe(snapshot => pending.Writer.TryWrite(snapshot));
        await foreach (var snapshot in pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.All.Snapshot(snapshot);
                metrics.SnapshotBroadcast(snapshot);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBroadcastFailed(ex, snapshot.Version);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not broadcast live snapshot {Version}")]
    private partial void LogBroadcastFailed(Exception ex, long version);
}
