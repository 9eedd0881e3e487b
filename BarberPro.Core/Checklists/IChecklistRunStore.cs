namespace BarberPro.Core.Checklists;

/// <summary>
/// What the checklist pages read and write: runs, their change log, and one change at a time with
/// <see cref="ChecklistStore"/>'s rules (idempotency key, version, NOTIFY after commit). <see cref="ChecklistStore"/> is
/// the implementation; the component tests put a stand-in here to show acknowledgement, conflict and outage states.
/// </summary>
public interface IChecklistRunStore
{
    Task<ChecklistRun> GetCurrentRunAsync(ChecklistCadence cadence, CancellationToken cancellationToken);

    Task<ChecklistRun?> GetRunAsync(long runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChecklistChangeRecord>> GetChangesAsync(long runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChecklistItemState>> GetItemsAsync(IReadOnlyCollection<(long RunId, string ItemKey)> items,
        CancellationToken cancellationToken);

    Task<ChecklistChangeResult> ApplyAsync(ChecklistChangeRequest request, ChecklistActor actor, CancellationToken cancellationToken);
}
