using System.Threading.Channels;
using BarberPro.Core.Live;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// Sends each new live view once to all programs connected to the live API. SignalR serialises a message sent to All
/// once per protocol, not once per connection. A capacity-one channel that drops the older item coalesces bursts: a
/// slow send never queues up views, the next send simply carries the newest.
/// </summary>
internal sealed partial class LiveBroadcaster(
    LiveViewStore views,
    IHubContext<LiveHub, ILiveClient> hub,
    DashboardMetrics metrics,
    ILogger<LiveBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = Channel.CreateBounded<LiveView>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        using var subscription = views.Subscribe(view => pending.Writer.TryWrite(view));
        await foreach (var view in pending.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await hub.Clients.All.View(view);
                metrics.ViewBroadcast(view);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBroadcastFailed(ex, view.Version);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not broadcast live view {Version}")]
    private partial void LogBroadcastFailed(Exception ex, long version);
}
