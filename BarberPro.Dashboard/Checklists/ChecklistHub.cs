using System.Globalization;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BarberPro.Dashboard.Checklists;

/// <summary>What the server pushes to checklist pages.</summary>
public interface IChecklistClient
{
    /// <summary>An item of a run the client joined changed (sent to the run's group after the change committed).</summary>
    Task ItemChanged(ChecklistItemDto item);

    /// <summary>
    /// Events may have been missed (the listener lost its database connection and has it back): re-join and refresh.
    /// </summary>
    Task Resync();

    /// <summary>
    /// The listener has lost its database connection: changes made meanwhile are not pushed, so the page must not say
    /// "Live". A <see cref="Resync"/> follows once it listens again.
    /// </summary>
    Task LivePaused();
}

/// <summary>
/// The checklist hub at <c>/hubs/checklists</c>. Clients join one group per run; every committed change reaches the
/// group through <see cref="ChecklistEventChannel"/> (PostgreSQL NOTIFY), so one path serves one or many instances.
/// A change is answered only after its commit; a refused change comes back as a <see cref="HubException"/> whose
/// message the client shows.
/// </summary>
[Authorize(Policy = Policies.View)]
public sealed partial class ChecklistHub(ChecklistStore store, ChecklistLiveStatus live, ChecklistPeople people,
    DatabaseOutage outage, TimeProvider time, ILogger<ChecklistHub> logger)
    : Hub<IChecklistClient>
{
    public const string Path = "/hubs/checklists";

    public static string GroupName(long runId) => string.Create(CultureInfo.InvariantCulture, $"checklist-run:{runId}");

    /// <summary>Joins the run's group and returns the current state of its items (used again after a reconnect).</summary>
    public async Task<IReadOnlyList<ChecklistItemDto>> JoinRun(long runId)
    {
        var run = await Guard(() => store.GetRunAsync(runId, Context.ConnectionAborted))
            ?? throw new HubException($"There is no run {runId}.");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(runId), Context.ConnectionAborted);
        var now = time.GetUtcNow();
        return run.Sections.SelectMany(s => s.Items).Select(i => ChecklistItemDto.From(i, now)).ToList();
    }

    /// <summary>A page that connects while the listener is down learns at once that live updates are paused.</summary>
    public override async Task OnConnectedAsync()
    {
        if (!live.IsListening)
        {
            await Clients.Caller.LivePaused();
        }
        await base.OnConnectedAsync();
    }

    public Task LeaveRun(long runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(runId));

    [Authorize(Policy = Policies.Tick)]
    public Task<ChecklistChangeReply> Tick(long runId, string itemKey, int version, string idempotencyKey) =>
        ChangeAsync(runId, itemKey, ChecklistChangeKind.Tick, version, idempotencyKey, null);

    [Authorize(Policy = Policies.Tick)]
    public Task<ChecklistChangeReply> Untick(long runId, string itemKey, int version, string idempotencyKey) =>
        ChangeAsync(runId, itemKey, ChecklistChangeKind.Untick, version, idempotencyKey, null);

    [Authorize(Policy = Policies.Tick)]
    public Task<ChecklistChangeReply> SetNote(long runId, string itemKey, int version, string idempotencyKey, string? note) =>
        ChangeAsync(runId, itemKey, ChecklistChangeKind.Note, version, idempotencyKey, note ?? "");

    private async Task<ChecklistChangeReply> ChangeAsync(long runId, string itemKey, ChecklistChangeKind kind, int version,
        string idempotencyKey, string? note)
    {
        if (!ChecklistRules.TryParseIdempotencyKey(idempotencyKey, out var key))
        {
            throw new HubException("The idempotency key must be a UUID. Nothing was saved.");
        }
        var actor = await people.ActorAsync(Context.User, Context.ConnectionAborted);
        var request = new ChecklistChangeRequest(runId, itemKey ?? "", kind, version, key, note);
        var result = await Guard(() => store.ApplyAsync(request, actor, Context.ConnectionAborted));
        LogChange(actor.Name, runId, itemKey ?? "", kind, result.Outcome);
        return ChecklistChangeReply.From(result, time.GetUtcNow());
    }

    /// <summary>Turns refusals into hub errors with a message fit for the user; other failures stay server errors.</summary>
    private async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ChecklistInputException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (ChecklistUnavailableException ex)
        {
            outage.Refused("checklist hub", ex);
            throw new HubException(ChecklistUnavailableException.DefaultMessage);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Checklist {Kind} by {Actor} on run {RunId} item {ItemKey}: {Outcome}")]
    private partial void LogChange(string actor, long runId, string itemKey, ChecklistChangeKind kind, ChecklistChangeOutcome outcome);
}
