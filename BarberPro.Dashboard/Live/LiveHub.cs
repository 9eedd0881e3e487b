using BarberPro.Core.Live;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Live;

/// <summary>What the server calls on a live screen.</summary>
public interface ILiveClient
{
    /// <summary>A new snapshot of every panel; the client replaces tiles whose snapshot is newer than what it shows.</summary>
    Task Snapshot(LiveSnapshot snapshot);
}

/// <summary>
/// The live screens' socket. It only pushes (the current snapshot on every (re)connection, then each new one); it has
/// no method a browser can call, so no PromQL ever comes from a browser.
/// </summary>
[Authorize(Policy = Policies.View)]
public sealed class LiveHub(LiveSnapshotStore store, DashboardMetrics metrics) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    public override async Task OnConnectedAsync()
    {
        metrics.ViewerConnected();
        await Clients.Caller.Snapshot(store.Current);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ViewerDisconnected();
        return base.OnDisconnectedAsync(exception);
    }
}
