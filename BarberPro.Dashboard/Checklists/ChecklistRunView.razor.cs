using System.Globalization;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Core.Text;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Persistence;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// One run, ticked together live: its sections (due times in ART, overdue flagged), its items with evidence chips, and
/// who else has it open. Ticks, unticks and notes go through this circuit to <see cref="IChecklistRunStore"/> with the
/// store's rules (an idempotency key per user action, reused when the user retries it; the version the user saw; NOTIFY
/// after commit); each item says "Saving…" and then "Saved" (or why not) beside it. Committed changes from anyone arrive
/// through <see cref="ChecklistRunFeed"/>. Every write re-checks <see cref="Policies.Tick"/> on the server through
/// <see cref="CircuitAccess"/> first, so a Viewer's circuit sending the event by hand writes nothing. A failed write
/// keeps what the user typed.
/// </summary>
public sealed partial class ChecklistRunView : IChecklistRunListener, IDisposable
{
    /// <summary>How often the evidence figures and overdue flags are re-read while the page is open.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, ItemView> _items = new(StringComparer.Ordinal);
    private ChecklistRun _run = default!;
    private IReadOnlyDictionary<string, ChecklistEvidence> _evidence = new Dictionary<string, ChecklistEvidence>();
    private IReadOnlyList<ChecklistChangeRecord> _changes = [];
    private ChecklistActor _actor = new(null, "someone");
    // Resolved while the run is already on screen: a tick made before it is known waits for it (else "someone" ticked).
    private Task<ChecklistActor>? _actorLookup;
    private string? _userId;
    private bool _canTick;
    private bool _live = true;
    private string? _runMessage;
    private IDisposable? _feed;
    private IDisposable? _presence;
    private ITimer? _timer;

    /// <summary>This circuit's culture, put back in work that other threads hand to InvokeAsync (feed, presence,
    /// timer, session events), so that the run re-renders in the user's language.</summary>
    private CircuitCulture _culture = CircuitCulture.Capture();
    private int _changesPending;

    [Inject] private IChecklistRunStore Store { get; set; } = default!;
    [Inject] private IChecklistEvidenceProvider EvidenceProvider { get; set; } = default!;
    [Inject] private ChecklistRunFeed Feed { get; set; } = default!;
    [Inject] private ChecklistPresence Presence { get; set; } = default!;
    [Inject] private ChecklistPeople People { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private DatabaseOutage Outage { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    /// <summary>The run as the page read it; the view keeps its own copy from then on.</summary>
    [Parameter, EditorRequired] public ChecklistRun Run { get; set; } = default!;

    /// <summary>Whether to list the run's change log ("who did what") under the items (the run page does).</summary>
    [Parameter] public bool ShowChanges { get; set; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private IEnumerable<ChecklistViewer> Others => Presence.Who(_run.Id).Where(v => v.UserId != _userId);

    protected override async Task OnInitializedAsync()
    {
        _culture = CircuitCulture.Capture();
        _run = Run;
        Reset(_run);
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _userId = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? user.Identity?.Name;
        if (RendererInfo.IsInteractive)
        {
            // Started before the first await that yields: the items are on screen (and can be ticked) from there on.
            _actorLookup = People.ActorAsync(user, _disposed.Token);
        }
        _evidence = await EvidenceProvider.GetEvidenceAsync(EvidenceKeysOf([_run]), _disposed.Token);
        _canTick = (await Authorization.AuthorizeAsync(user, Policies.Tick)).Succeeded;
        Authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        if (ShowChanges)
        {
            await LoadChangesAsync();
        }
        if (!RendererInfo.IsInteractive)
        {
            // The prerender is thrown away at once: no subscription, no presence row for it.
            return;
        }
        _live = Feed.IsLive;
        _feed = Feed.Subscribe(_run.Id, this);
        _actor = await _actorLookup!;
        _presence = Presence.Join(_run.Id, _userId ?? "", _actor.Name, () => _ = InvokeAsync(_culture.Wrap(StateHasChanged)));
        _timer = Time.CreateTimer(_ => _ = InvokeAsync(_culture.Wrap(RefreshAsync)), null, RefreshInterval, RefreshInterval);
    }

    public void Dispose()
    {
        Authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        _feed?.Dispose();
        _presence?.Dispose();
        _timer?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }

    /// <summary>Ticks an open item or unticks a ticked one (the checkbox; Space on it from the keyboard).</summary>
    public async Task ToggleAsync(string itemKey)
    {
        if (!_items.TryGetValue(itemKey, out var view) || view.Status == ItemStatus.Saving)
        {
            return;
        }
        if (!view.State.Ticked && ChecklistRules.TickNeedsNote(EvidenceOf(view.State), view.State.Note))
        {
            // The figure fails its target: the tick waits for a note saying why it is ticked anyway.
            view.NoteOpen = true;
            view.TickAfterNote = true;
            view.Status = ItemStatus.NeedsNote;
            StateHasChanged();
            return;
        }
        await ChangeAsync(view, view.State.Ticked ? ChecklistChangeKind.Untick : ChecklistChangeKind.Tick, null);
    }

    /// <summary>Saves the note as typed (the note field's Enter, or its Save button); an empty note removes it.</summary>
    public async Task SaveNoteAsync(string itemKey)
    {
        if (!_items.TryGetValue(itemKey, out var view) || view.Status == ItemStatus.Saving)
        {
            return;
        }
        if (view.TickAfterNote && string.IsNullOrWhiteSpace(view.NoteDraft))
        {
            view.Status = ItemStatus.NeedsNote;
            StateHasChanged();
            return;
        }
        if (!await ChangeAsync(view, ChecklistChangeKind.Note, view.NoteDraft) || !view.TickAfterNote)
        {
            return;
        }
        view.TickAfterNote = false;
        if (!view.State.Ticked)
        {
            await ChangeAsync(view, ChecklistChangeKind.Tick, null);
        }
    }

    /// <summary>Types into an item's note field (what the text field binds to).</summary>
    public void SetNoteDraft(string itemKey, string? text)
    {
        if (_items.TryGetValue(itemKey, out var view))
        {
            view.NoteDraft = text ?? "";
            view.NoteDirty = true;
        }
    }

    public void OpenNote(string itemKey)
    {
        if (_items.TryGetValue(itemKey, out var view))
        {
            view.NoteOpen = !view.NoteOpen;
        }
    }

    void IChecklistRunListener.OnItemChanged(ChecklistItemState item) => _ = InvokeAsync(_culture.Wrap(() =>
    {
        if (_items.TryGetValue(item.Key, out var view) && Accept(view, item))
        {
            ReloadChangesSoon();
            StateHasChanged();
        }
    }));

    void IChecklistRunListener.OnLiveChanged(bool live, bool resync) => _ = InvokeAsync(_culture.Wrap(async () =>
    {
        _live = live;
        if (resync)
        {
            await ReloadRunAsync();
        }
        StateHasChanged();
    }));

    internal static IReadOnlyCollection<string> EvidenceKeysOf(IEnumerable<ChecklistRun> runs) =>
        runs.SelectMany(r => r.Sections).SelectMany(s => s.Items).Select(i => i.EvidenceKey).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Applies one change; true when it committed (now or before, by its key).</summary>
    private async Task<bool> ChangeAsync(ItemView view, ChecklistChangeKind kind, string? note)
    {
        if (!await Access.IsAllowedAsync(Policies.Tick, _disposed.Token))
        {
            // A role refusal takes the controls away; a check that could not run (database down) keeps them, and
            // what the user typed, for the retry.
            var denied = Access.RefusalMessage == CircuitAccess.DeniedMessage;
            _canTick &= !denied;
            view.Status = ItemStatus.Failed;
            view.Message = denied ? L["Checklists_NeedsOperator"] : Access.RefusalMessage;
            StateHasChanged();
            return false;
        }
        // One key per user action: the same action retried on the same version (after "not saved") reuses its key, so
        // a first attempt that did commit is answered "already done" instead of applying twice.
        var pending = view.Pending is { } last && last.Kind == kind && last.Note == note && last.Version == view.State.Version
            ? last
            : new PendingChange(kind, Guid.NewGuid(), note, view.State.Version);
        view.Pending = pending;
        view.Status = ItemStatus.Saving;
        view.Message = null;
        view.Requested = kind switch
        {
            ChecklistChangeKind.Tick => true,
            ChecklistChangeKind.Untick => false,
            _ => null,
        };
        StateHasChanged();
        try
        {
            var actor = _actorLookup is { } lookup ? await lookup : _actor;
            var result = await Store.ApplyAsync(
                new ChecklistChangeRequest(_run.Id, view.State.Key, kind, pending.Version, pending.Key, note), actor, _disposed.Token);
            view.Pending = null;
            Accept(view, result.Item);
            switch (result.Outcome)
            {
                case ChecklistChangeOutcome.Applied or ChecklistChangeOutcome.Replayed:
                    view.Status = ItemStatus.Saved;
                    view.SavedAt = Now;
                    if (kind == ChecklistChangeKind.Note)
                    {
                        view.NoteDraft = view.State.Note ?? "";
                        view.NoteDirty = false;
                        view.NoteOpen = false;
                    }
                    ReloadChangesSoon();
                    return true;
                case ChecklistChangeOutcome.Stale:
                    view.Status = ItemStatus.Conflict;
                    view.Message = ChecklistText.OutcomeMessage(result, L);
                    return false;
                default:
                    view.Status = ItemStatus.Saved;
                    view.SavedAt = Now;
                    view.Message = ChecklistText.OutcomeMessage(result, L);
                    return true;
            }
        }
        catch (ChecklistUnavailableException ex)
        {
            Outage.Refused("checklist page", ex);
            view.Status = ItemStatus.Failed;
            view.Message = kind == ChecklistChangeKind.Note
                ? L["Checklists_NotSavedNoteKept"]
                : L["Checklists_NotSavedTryAgain"];
            return false;
        }
        catch (ChecklistInputException ex)
        {
            view.Pending = null;
            view.Status = ItemStatus.Failed;
            view.Message = L["Checklists_NotSavedBecause", ex.Problem is { } problem ? L.Say(problem) : ex.Message];
            return false;
        }
        finally
        {
            view.Requested = null;
            // Also when called other than from the page's own event (the note's Enter, a test): show the outcome.
            StateHasChanged();
        }
    }

    /// <summary>Takes a committed state newer than the one shown; true when it was newer.</summary>
    private static bool Accept(ItemView view, ChecklistItemState item)
    {
        if (item.Version <= view.State.Version)
        {
            return false;
        }
        view.State = item;
        if (!view.NoteDirty)
        {
            view.NoteDraft = item.Note ?? "";
        }
        return true;
    }

    private void Reset(ChecklistRun run)
    {
        foreach (var item in run.Sections.SelectMany(s => s.Items))
        {
            if (_items.TryGetValue(item.Key, out var view))
            {
                Accept(view, item);
            }
            else
            {
                _items[item.Key] = new ItemView { State = item, NoteDraft = item.Note ?? "" };
            }
        }
    }

    private async Task ReloadRunAsync()
    {
        try
        {
            if (await Store.GetRunAsync(_run.Id, _disposed.Token) is { } run)
            {
                _run = run;
                Reset(run);
                _runMessage = null;
            }
            if (ShowChanges)
            {
                await LoadChangesAsync();
            }
        }
        catch (ChecklistUnavailableException)
        {
            _runMessage = L["Checklists_RunMayBeBehind"];
        }
    }

    private async Task LoadChangesAsync()
    {
        try
        {
            _changes = await Store.GetChangesAsync(_run.Id, _disposed.Token);
        }
        catch (ChecklistUnavailableException)
        {
            // The items stay usable; the log is read again with the next change.
        }
    }

    /// <summary>Re-reads the change log after a change, at most one read in flight (a burst of changes costs one or two).</summary>
    private void ReloadChangesSoon()
    {
        if (!ShowChanges || Interlocked.Exchange(ref _changesPending, 1) == 1)
        {
            return;
        }
        _ = InvokeAsync(_culture.Wrap(async () =>
        {
            Volatile.Write(ref _changesPending, 0);
            await LoadChangesAsync();
            StateHasChanged();
        }));
    }

    private async Task RefreshAsync()
    {
        try
        {
            _evidence = await EvidenceProvider.GetEvidenceAsync(EvidenceKeysOf([_run]), _disposed.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The page was left while the evidence was read.
            return;
        }
        StateHasChanged();
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) => _ = InvokeAsync(_culture.Wrap(async () =>
    {
        _canTick = (await Authorization.AuthorizeAsync((await state).User, Policies.Tick)).Succeeded;
        StateHasChanged();
    }));

    private async Task OnNoteKeyDownAsync(string itemKey, KeyboardEventArgs args)
    {
        if (args is { Key: "Enter", ShiftKey: false })
        {
            await SaveNoteAsync(itemKey);
        }
        else if (args.Key == "Escape" && _items.TryGetValue(itemKey, out var view))
        {
            view.NoteOpen = false;
        }
    }

    private ChecklistEvidence? EvidenceOf(ChecklistItemState item) =>
        item.EvidenceKey is { } key && _evidence.TryGetValue(key, out var evidence) ? evidence : null;

    private static string? Label(DateTimeOffset? at, DateTimeOffset now) => ChecklistText.TimeLabel(at, now);

    private string ItemTitle(string itemKey) => _items.TryGetValue(itemKey, out var view) ? view.State.Title : itemKey;

    internal enum ItemStatus
    {
        Idle,
        Saving,
        Saved,
        Conflict,
        Failed,
        NeedsNote,
    }

    internal sealed record PendingChange(ChecklistChangeKind Kind, Guid Key, string? Note, int Version);

    /// <summary>One item as this page shows it: the committed state, and what the user is doing with it.</summary>
    internal sealed class ItemView
    {
        public required ChecklistItemState State { get; set; }

        public ItemStatus Status { get; set; }

        public string? Message { get; set; }

        /// <summary>The tick state asked for while its change is being saved.</summary>
        public bool? Requested { get; set; }

        public DateTimeOffset? SavedAt { get; set; }

        public string NoteDraft { get; set; } = "";

        /// <summary>The user typed into the note field and has not saved it: changes from others do not overwrite it.</summary>
        public bool NoteDirty { get; set; }

        public bool NoteOpen { get; set; }

        /// <summary>The user ticked an item whose figure fails: the tick follows the note.</summary>
        public bool TickAfterNote { get; set; }

        public PendingChange? Pending { get; set; }
    }

    /// <summary>A phrase Core built (an evidence figure, its target) in this page's language.</summary>
    private string Say(Phrase phrase) => L.Say(phrase);
}
