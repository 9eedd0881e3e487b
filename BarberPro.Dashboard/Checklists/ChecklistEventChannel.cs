using System.Threading.Channels;
using BarberPro.Core.Checklists;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// The checklists' channel on the instance's <see cref="DatabaseEventListener"/>: each committed change (from any
/// instance: every writer NOTIFYs <see cref="ChecklistEvents.Channel"/> inside its transaction) is pushed to the run's hub
/// group and to this process's open run views (<see cref="ChecklistRunFeed"/>), and only once it is committed. Bursts are coalesced: notifications queued meanwhile are read together, one
/// query per batch, one message per changed item. When the listener loses its connection every page is told that live
/// updates are paused (<see cref="IChecklistClient.LivePaused"/>); when it listens again every page is told to resync
/// (events were missed meanwhile). Singleton; also the hosted service that runs the push loop.
/// </summary>
internal sealed partial class ChecklistEventChannel(
    ChecklistStore store,
    IHubContext<ChecklistHub, IChecklistClient> hub,
    ChecklistLiveStatus status,
    ChecklistRunFeed feed,
    TimeProvider time,
    ILogger<ChecklistEventChannel> logger) : BackgroundService, IDatabaseEventChannel
{
    private readonly Channel<ChecklistItemRef> _events = System.Threading.Channels.Channel.CreateUnbounded<ChecklistItemRef>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public string Channel => ChecklistEvents.Channel;

    public void OnNotification(string payload)
    {
        if (ChecklistEvents.TryParse(payload, out var item))
        {
            _events.Writer.TryWrite(item);
        }
        else
        {
            LogBadPayload(payload);
        }
    }

    public async Task OnListeningAsync(bool eventsMayHaveBeenMissed)
    {
        status.IsListening = true;
        feed.PublishLive(live: true, resync: eventsMayHaveBeenMissed);
        if (eventsMayHaveBeenMissed)
        {
            await hub.Clients.All.Resync();
        }
    }

    public async Task OnListeningLostAsync()
    {
        status.IsListening = false;
        feed.PublishLive(live: false, resync: false);
        await hub.Clients.All.LivePaused();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PushLoopAsync(stoppingToken);
        _events.Writer.TryComplete();
    }

    private async Task PushLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new HashSet<(long, string)>();
                while (batch.Count < 500 && reader.TryRead(out var item))
                {
                    batch.Add((item.RunId, item.ItemKey));
                }
                await PushAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Reads the batch's committed states and pushes them. When they cannot be read, pages are told that live updates
    /// are paused (they are behind) and the read is tried again until it works; then pages resync, since later events
    /// may have been coalesced away meanwhile.
    /// </summary>
    private async Task PushAsync(HashSet<(long, string)> batch, CancellationToken stoppingToken)
    {
        var failed = false;
        while (true)
        {
            try
            {
                var states = await store.GetItemsAsync(batch, stoppingToken);
                var now = time.GetUtcNow();
                foreach (var state in states)
                {
                    feed.Publish(state);
                    await hub.Clients.Group(ChecklistHub.GroupName(state.RunId)).ItemChanged(ChecklistItemDto.From(state, now));
                }
                if (failed)
                {
                    feed.PublishLive(live: status.IsListening, resync: true);
                    await hub.Clients.All.Resync();
                }
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                if (!failed)
                {
                    failed = true;
                    LogPushFailed(ex.GetType().Name, ex.Message, batch.Count);
                    feed.PublishLive(live: false, resync: false);
                    await hub.Clients.All.LivePaused();
                }
                await Task.Delay(DatabaseEventListener.MaxRetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed checklist event payload {Payload}")]
    private partial void LogBadPayload(string payload);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not read {Count} changed checklist items to push ({ExceptionType}: {Cause}); live updates paused, retrying")]
    private partial void LogPushFailed(string exceptionType, string cause, int count);
}
