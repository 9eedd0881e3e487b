using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// The template editor (Managers): rename, reorder (drag and drop, or the up and down buttons from the keyboard), retire,
/// restore and add items, through <see cref="ChecklistTemplateStore"/> (versioned items, every edit logged, past runs
/// unchanged). Every edit re-checks <see cref="Policies.Manage"/> on the server through <see cref="CircuitAccess"/> first.
/// A refused or failed edit says why and keeps what was typed.
/// </summary>
public sealed partial class ChecklistTemplatesPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _newTitles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _newEvidence = new(StringComparer.Ordinal);
    private IReadOnlyList<ChecklistTemplate> _templates = [];
    private IReadOnlyList<ChecklistTemplateChange> _changes = [];
    private bool _unavailable;
    private bool _busy;
    private string? _message;
    private bool _messageIsError;
    private int _loads;

    [Inject] private ChecklistTemplateStore Templates { get; set; } = default!;
    [Inject] private ChecklistPeople People { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    /// <summary>The HTTP request of the first (prerendered) response, to answer 503 when the database is down.</summary>
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (_unavailable && HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    public Task RenameAsync(string itemKey) =>
        EditAsync((actor, ct) => Templates.RenameItemAsync(itemKey, _titles.GetValueOrDefault(itemKey), actor, ct), L["Checklists_Renamed"],
            () => _titles.Remove(itemKey));

    public Task MoveAsync(string itemKey, ChecklistMoveDirection direction) =>
        EditAsync((actor, ct) => Templates.MoveItemAsync(itemKey, direction, actor, ct), L["Checklists_Moved"]);

    public Task MoveToAsync(string itemKey, int index) =>
        EditAsync((actor, ct) => Templates.MoveItemToAsync(itemKey, index, actor, ct), L["Checklists_Moved"]);

    public Task RetireAsync(string itemKey) =>
        EditAsync((actor, ct) => Templates.RetireItemAsync(itemKey, actor, ct), L["Checklists_RetiredDone"]);

    public Task RestoreAsync(string itemKey) =>
        EditAsync((actor, ct) => Templates.RestoreItemAsync(itemKey, actor, ct), L["Checklists_RestoredDone"]);

    public Task AddAsync(string sectionKey) =>
        EditAsync((actor, ct) => Templates.AddItemAsync(sectionKey, _newTitles.GetValueOrDefault(sectionKey),
                _newEvidence.GetValueOrDefault(sectionKey), actor, ct), L["Checklists_AddedDone"],
            () => _newTitles.Remove(sectionKey));

    /// <summary>Types a title (what the fields bind to; also how a test types).</summary>
    public void SetTitle(string itemKey, string title) => _titles[itemKey] = title;

    public void SetNewTitle(string sectionKey, string title) => _newTitles[sectionKey] = title;

    private Task OnDroppedAsync(MudItemDropInfo<ChecklistTemplateItem> info) =>
        info.Item is { } item ? MoveToAsync(item.Key, info.IndexInZone) : Task.CompletedTask;

    private string TitleDraft(ChecklistTemplateItem item) => _titles.GetValueOrDefault(item.Key) ?? item.Title;

    private async Task EditAsync(Func<ChecklistActor, CancellationToken, Task> edit, string done, Action? onSaved = null)
    {
        if (!await Access.IsAllowedAsync(Policies.Manage, _disposed.Token))
        {
            Say(Access.RefusalMessage == CircuitAccess.DeniedMessage
                ? L["Checklists_NeedsManager"]
                : Access.RefusalMessage, error: true);
            StateHasChanged();
            return;
        }
        _busy = true;
        try
        {
            var actor = await People.ActorAsync((await Authentication.GetAuthenticationStateAsync()).User, _disposed.Token);
            await edit(actor, _disposed.Token);
            onSaved?.Invoke();
            Say(done, error: false);
            await LoadAsync();
        }
        catch (ChecklistInputException ex)
        {
            Say(L["Checklists_TemplateNotChanged", ex.Problem is { } problem ? L.Say(problem) : ex.Message], error: true);
        }
        catch (ChecklistUnavailableException)
        {
            Say(L["Checklists_NotSavedTypedKept"], error: true);
        }
        finally
        {
            _busy = false;
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _templates = await Templates.GetTemplatesAsync(_disposed.Token);
            _changes = await Templates.GetRecentChangesAsync(20, _disposed.Token);
            _unavailable = false;
            _loads++;
        }
        catch (ChecklistUnavailableException)
        {
            _unavailable = true;
        }
    }

    /// <summary>A recorded template change ("add", "rename", "move", "retire", "restore", as stored) in the reader's words.</summary>
    private string ChangeKindText(string kind) => kind switch
    {
        "add" => L["Checklists_ChangeAdded"],
        "rename" => L["Checklists_ChangeRenamed"],
        "move" => L["Checklists_ChangeMoved"],
        "retire" => L["Checklists_ChangeRetired"],
        "restore" => L["Checklists_ChangeRestored"],
        _ => kind,
    };

    private void Say(string text, bool error)
    {
        _message = text;
        _messageIsError = error;
    }
}
