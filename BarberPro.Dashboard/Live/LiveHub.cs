using BarberPro.Core.Live;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Live;

/// <summary>What the server calls on a program connected to the live API.</summary>
public interface ILiveClient
{
    /// <summary>
    /// The live view (<see cref="LiveView"/>, camelCase JSON, enums as camelCase strings): every panel with its
    /// figures, state words and "as of"/"stale since" texts, the status banner, the worst state and the firing count,
    /// what the overview and the wall show, in English (<c>language: "en"</c>, whatever the caller's language: one
    /// vocabulary for programs). Sent on every (re)connection and for each new snapshot (and once
    /// more, marked <c>stalled</c>, when no snapshot arrived for two poll intervals). A higher <c>version</c> is newer.
    /// </summary>
    Task View(LiveView view);
}

/// <summary>
/// The live API, <c>/hubs/live</c>: typed and read-only for other programs (a wall board, a bot, a script). It only
/// pushes; it has no method a caller can invoke, so no PromQL ever comes from outside. The dashboard's own pages do
/// not use it: their circuits read the same <see cref="LiveViewStore"/> directly.
/// </summary>
[Authorize(Policy = Policies.View)]
public sealed class LiveHub(LiveViewStore views, DashboardMetrics metrics) : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";

    /// <summary>The name of the one message the hub sends (<see cref="ILiveClient.View"/>).</summary>
    public const string ViewMessage = nameof(ILiveClient.View);

    public override async Task OnConnectedAsync()
    {
        metrics.ViewerConnected();
        await Clients.Caller.View(views.Current);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.ViewerDisconnected();
        return base.OnDisconnectedAsync(exception);
    }
}
