using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Checklists;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Persistence;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>
/// The live run view with a stand-in store (it keeps the real store's version and idempotency rules and can be "down"),
/// stand-in evidence, the real feed and presence registry, and a signed-in user with a role.
/// </summary>
public sealed class ChecklistRunViewTests : IAsyncDisposable
{
    private static readonly DateTimeOffset s_now = new(2031, 6, 11, 13, 2, 0, TimeSpan.Zero); // 10:02 ART

    private readonly BunitContext _context = new();
    private readonly BunitAuthorizationContext _auth;
    private readonly StandInStore _store = new();
    private readonly StandInEvidence _evidence = new();
    private readonly NpgsqlDataSource _dead = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=1");
    private readonly ChecklistRunFeed _feed;
    private readonly ChecklistPresence _presence;

    public ChecklistRunViewTests()
    {
        var time = new ManualTimeProvider(s_now);
        _context.Services.AddLogging();
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        _context.Services.AddSingleton<TimeProvider>(time);
        _context.Services.AddSingleton<IChecklistRunStore>(_store);
        _context.Services.AddSingleton<IChecklistEvidenceProvider>(_evidence);
        _context.Services.AddSingleton(_dead);
        _context.Services.AddSingleton<ChecklistLiveStatus>();
        _context.Services.AddSingleton<ChecklistRunFeed>();
        _context.Services.AddSingleton<ChecklistPresence>();
        _context.Services.AddSingleton<ChecklistPeople>();
        _context.Services.AddSingleton<DatabaseOutage>();
        // CircuitAccess as in the app; its audit row cannot be written here (no database), which it logs and survives.
        _context.Services.AddSingleton<SecurityAudit>();
        _context.Services.AddScoped<CircuitAccess>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = _context.AddAuthorization();
        _auth.SetAuthorized("ana.perez@test.local");
        _context.Renderer.SetRendererInfo(new RendererInfo("Server", true));
        _context.Services.GetRequiredService<ChecklistLiveStatus>().IsListening = true;
        _feed = _context.Services.GetRequiredService<ChecklistRunFeed>();
        _presence = _context.Services.GetRequiredService<ChecklistPresence>();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _dead.DisposeAsync();
    }

    [Fact]
    public async Task Tick_SaysSavingBesideTheItem_ThenSaved_WithWhoAndWhenInArt()
    {
        SetRole(Roles.Operator);
        var view = Render();
        var gate = _store.HoldNextChange();

        var ticking = Item(view, "daily.morning.backups").QuerySelector("input[data-tick-button]")!.ChangeAsync(new ChangeEventArgs { Value = true });

        view.WaitForAssertion(() => Assert.Equal("saving", Item(view, "daily.morning.backups").GetAttribute("data-status")));
        Assert.Contains("Saving…", Item(view, "daily.morning.backups").QuerySelector("[data-item-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", Item(view, "daily.morning.backups").GetAttribute("data-ticked"));
        gate.SetResult();
        await ticking;

        var item = Item(view, "daily.morning.backups");
        Assert.Equal(("saved", "true", "1"), (item.GetAttribute("data-status"), item.GetAttribute("data-ticked"), item.GetAttribute("data-version")));
        Assert.Equal("Saved 10:02 ART", item.QuerySelector("[data-item-status]")!.TextContent.Trim());
        Assert.Equal("Ticked by ana.perez at 10:02 ART", item.QuerySelector("[data-tick-info]")!.TextContent);
        var (request, actor) = Assert.Single(_store.Requests);
        Assert.Equal((ChecklistChangeKind.Tick, 0, "user-ana", "ana.perez"), (request.Kind, request.ExpectedVersion, actor.Id, actor.Name));
    }

    /// <summary>A Spanish (Argentina) operator: the run's words, the tick's acknowledgement and who ticked, in Spanish;
    /// the item titles are data and stay as seeded.</summary>
    [Fact]
    public async Task InSpanish_TheRunReadsSpanish_AndATickIsAcknowledgedInSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        SetRole(Roles.Operator);
        var view = Render();
        Assert.Contains("Agregar nota", Item(view, "daily.morning.backups").TextContent, StringComparison.Ordinal);
        Assert.Contains("hechos", view.Find("[data-run-progress]").TextContent, StringComparison.Ordinal);

        await Item(view, "daily.morning.backups").QuerySelector("input[data-tick-button]")!.ChangeAsync(new ChangeEventArgs { Value = true });

        view.WaitForAssertion(() => Assert.Equal("Guardado 10:02 ART", Item(view, "daily.morning.backups").QuerySelector("[data-item-status]")!.TextContent.Trim()));
        Assert.Equal("Marcado por ana.perez: 10:02 ART", Item(view, "daily.morning.backups").QuerySelector("[data-tick-info]")!.TextContent);
        Assert.Equal("true", Item(view, "daily.morning.backups").GetAttribute("data-ticked"));
    }

    [Fact]
    public async Task Tick_OnAStaleVersion_SaysWhoChangedItMeanwhile_AndShowsTheCurrentState()
    {
        SetRole(Roles.Operator);
        var view = Render();
        _store.ChangeBehindThePage("daily.morning.uptime", ChecklistChangeKind.Tick, "Carla");

        await view.InvokeAsync(() => view.Instance.ToggleAsync("daily.morning.uptime"));

        var item = Item(view, "daily.morning.uptime");
        Assert.Equal(("conflict", "true", "1"), (item.GetAttribute("data-status"), item.GetAttribute("data-ticked"), item.GetAttribute("data-version")));
        Assert.Equal("Carla ticked this at 10:02 ART meanwhile; this is the current state.", item.QuerySelector("[data-item-message]")!.TextContent.Trim());
        Assert.Equal(1, _store.Applied);
    }

    [Fact]
    public async Task Note_WhenTheDatabaseIsDown_SaysNotSavedBesideTheItem_KeepsTheText_AndTheRetryReusesItsKey()
    {
        SetRole(Roles.Operator);
        var view = Render();
        // Found and clicked on the renderer's thread: the view may re-render in between (its change list loads after
        // the first render), which would leave a found button's handler stale.
        await view.InvokeAsync(() => Item(view, "daily.evening.incidents").QuerySelector("[data-note-toggle]")!.Click());
        // MudButton hands the click on asynchronously: the field is there once that render has happened.
        view.WaitForAssertion(() => Assert.NotNull(Item(view, "daily.evening.incidents").QuerySelector("input[data-note-input]")));
        Item(view, "daily.evening.incidents").QuerySelector("input[data-note-input]")!.Input("disk at 71 % on node 3");
        _store.Down = true;

        Item(view, "daily.evening.incidents").QuerySelector("input[data-note-input]")!.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        view.WaitForAssertion(() => Assert.Equal("failed", Item(view, "daily.evening.incidents").GetAttribute("data-status")));
        var item = Item(view, "daily.evening.incidents");
        Assert.Equal("Not saved: the checklist database did not answer. Your note is kept here; try again.", item.QuerySelector("[data-item-message]")!.TextContent.Trim());
        Assert.Equal("disk at 71 % on node 3", item.QuerySelector("input[data-note-input]")!.GetAttribute("value"));
        Assert.Null(item.QuerySelector("[data-note-text]"));

        _store.Down = false;
        await item.QuerySelector("[data-note-save]")!.ClickAsync(new());

        item = Item(view, "daily.evening.incidents");
        Assert.Equal("saved", item.GetAttribute("data-status"));
        Assert.Equal("disk at 71 % on node 3", item.QuerySelector("[data-note-text]")!.TextContent);
        Assert.Equal(2, _store.Requests.Count);
        Assert.Equal(_store.Requests[0].Request.IdempotencyKey, _store.Requests[1].Request.IdempotencyKey);
    }

    [Fact]
    public async Task Viewer_SeesNoControls_AndACircuitSendingTheEventsAnyway_WritesNothing()
    {
        SetRole(Roles.Viewer);
        var view = Render();

        Assert.Empty(view.FindAll("[data-tick-button]"));
        Assert.Empty(view.FindAll("[data-note-toggle]"));
        Assert.Equal(9, view.FindAll("[data-tick-state]").Count);
        await view.InvokeAsync(() => view.Instance.ToggleAsync("daily.morning.uptime"));
        view.Instance.SetNoteDraft("daily.morning.uptime", "sent by hand");
        await view.InvokeAsync(() => view.Instance.SaveNoteAsync("daily.morning.uptime"));

        Assert.Empty(_store.Requests);
        Assert.Equal("Not saved: ticks and notes need the Operator role.", Item(view, "daily.morning.uptime").QuerySelector("[data-item-message]")!.TextContent.Trim());
    }

    [Fact]
    public void Presence_ListsWhoElseHasTheRunOpen_ByName_AndDropsThemWhenTheyLeave()
    {
        SetRole(Roles.Viewer);
        var view = Render();
        Assert.Equal("Nobody else has this checklist open.", view.Find("[data-presence-empty]").TextContent);

        using (_presence.Join(StandInStore.RunId, "user-luis", "Luis Gómez", () => { }))
        {
            view.WaitForAssertion(() => Assert.Equal(["Luis Gómez"], view.FindAll("[data-viewer]").Select(v => v.GetAttribute("data-viewer"))));
            Assert.Contains("since 10:02 ART", view.Find("[data-viewer]").TextContent, StringComparison.Ordinal);
        }

        view.WaitForAssertion(() => Assert.Empty(view.FindAll("[data-viewer]")));
        // The page's own user is not listed as "someone else", but is present for the others.
        Assert.Equal(["user-ana"], _presence.Who(StandInStore.RunId).Select(v => v.UserId));
    }

    [Fact]
    public void AChangeFromSomeoneElse_AppearsWithWhoAndWhen()
    {
        SetRole(Roles.Operator);
        var view = Render();

        _feed.Publish(_store.ChangeBehindThePage("daily.morning.backups", ChecklistChangeKind.Tick, "Luis Gómez"));

        view.WaitForAssertion(() => Assert.Equal("true", Item(view, "daily.morning.backups").GetAttribute("data-ticked")));
        Assert.Equal("Ticked by Luis Gómez at 10:02 ART", Item(view, "daily.morning.backups").QuerySelector("[data-tick-info]")!.TextContent);
        Assert.Equal("1 of 9 done", view.Find("[data-run-progress]").TextContent.Trim());
    }

    [Fact]
    public async Task TickingAnItemWhoseFigureMissesItsTarget_AsksForANote_AndTicksWhenTheNoteIsSaved()
    {
        SetRole(Roles.Operator);
        _evidence.Set(ChecklistEvidenceKeys.ErrorRate, new ChecklistEvidence("5xx ratio 0.400 %", false, s_now, "< 0.1 %"));
        var view = Render();

        await view.InvokeAsync(() => view.Instance.ToggleAsync("daily.performance.error-rates"));

        var item = Item(view, "daily.performance.error-rates");
        Assert.Equal(("needsnote", "false"), (item.GetAttribute("data-status"), item.GetAttribute("data-ticked")));
        Assert.StartsWith("The figure misses its target: write a note", item.QuerySelector("[data-item-message]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(_store.Requests);
        item.QuerySelector("input[data-note-input]")!.Input("known spike from the 09:40 deploy, rolled back");
        await view.InvokeAsync(() => view.Instance.SaveNoteAsync("daily.performance.error-rates"));

        item = Item(view, "daily.performance.error-rates");
        Assert.Equal([ChecklistChangeKind.Note, ChecklistChangeKind.Tick], _store.Requests.Select(r => r.Request.Kind));
        Assert.Equal(("saved", "true", "2"), (item.GetAttribute("data-status"), item.GetAttribute("data-ticked"), item.GetAttribute("data-version")));
    }

    [Fact]
    public void Evidence_IsAChipWithIconWordAndFigure_AndNamesTitlesAndNotesAreText()
    {
        SetRole(Roles.Viewer);
        _evidence.Set(ChecklistEvidenceKeys.Uptime, new ChecklistEvidence("Availability 99.95 %", true, s_now, "≥ 99.9 %"));
        _store.ChangeBehindThePage("daily.morning.backups", ChecklistChangeKind.Tick, "<b>eve</b>");
        _store.ChangeBehindThePage("daily.morning.backups", ChecklistChangeKind.Note, "eve", "<script>x()</script>");

        var view = Render();

        var uptime = Item(view, "daily.morning.uptime").QuerySelector("[data-evidence]")!;
        Assert.Equal("pass", uptime.GetAttribute("data-evidence"));
        Assert.Equal("Meets target: Availability 99.95 % (10:02 ART)", string.Join(' ', uptime.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        var backups = Item(view, "daily.morning.backups");
        Assert.Equal("Ticked by <b>eve</b> at 10:02 ART", backups.QuerySelector("[data-tick-info]")!.TextContent);
        Assert.Equal("<script>x()</script>", backups.QuerySelector("[data-note-text]")!.TextContent);
        Assert.Null(backups.QuerySelector("script, b"));
    }

    private IRenderedComponent<ChecklistRunView> Render() =>
        _context.Render<ChecklistRunView>(p => p.Add(v => v.Run, _store.Run()));

    private static AngleSharp.Dom.IElement Item(IRenderedComponent<ChecklistRunView> view, string key) =>
        view.Find($"[data-checklist-item][data-item-key='{key}']");

    private void SetRole(string role)
    {
        _auth.SetPolicies(Roles.AtLeast(Roles.Operator).Contains(role) ? [Policies.View, Policies.Tick] : [Policies.View]);
        _auth.SetRoles(role);
        _auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-ana"));
    }

    /// <summary>Evidence as a test sets it.</summary>
    private sealed class StandInEvidence : IChecklistEvidenceProvider
    {
        private readonly Dictionary<string, ChecklistEvidence> _evidence = new(StringComparer.Ordinal);

        public void Set(string key, ChecklistEvidence evidence) => _evidence[key] = evidence;

        public ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyDictionary<string, ChecklistEvidence>>(_evidence.Where(e => evidenceKeys.Contains(e.Key)).ToDictionary());
    }

    /// <summary>
    /// One daily run's morning and performance sections in memory, with the store's rules: a replayed key answers
    /// Replayed, a stale version Stale (with the current state), a change to the same state Unchanged.
    /// </summary>
    private sealed class StandInStore : IChecklistRunStore
    {
        public const long RunId = 41;

        private readonly Dictionary<string, ChecklistItemState> _items = new(StringComparer.Ordinal);
        private readonly HashSet<Guid> _keys = [];
        private TaskCompletionSource? _hold;

        public StandInStore()
        {
            var keys = new (string Section, string Key, string? Evidence)[]
            {
                ("daily.morning", "daily.morning.uptime", ChecklistEvidenceKeys.Uptime),
                ("daily.morning", "daily.morning.backups", ChecklistEvidenceKeys.Backups),
                ("daily.morning", "daily.morning.overnight-alerts", null),
                ("daily.performance", "daily.performance.error-rates", ChecklistEvidenceKeys.ErrorRate),
                ("daily.performance", "daily.performance.database", ChecklistEvidenceKeys.Database),
                ("daily.evening", "daily.evening.incidents", null),
                ("daily.evening", "daily.evening.capacity", null),
                ("daily.evening", "daily.evening.maintenance", null),
                ("daily.evening", "daily.evening.stakeholders", null),
            };
            var position = 0;
            foreach (var (section, key, evidence) in keys)
            {
                _items[key] = new ChecklistItemState(RunId, key, section, "Title of " + key, ++position, evidence,
                    false, null, null, null, null, null, null, null, null, 0);
            }
        }

        public List<(ChecklistChangeRequest Request, ChecklistActor Actor)> Requests { get; } = [];

        public bool Down { get; set; }

        public int Applied { get; private set; }

        public TaskCompletionSource HoldNextChange() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChecklistRun Run() => new(RunId, "daily", "Daily operations checklist",
            new ChecklistPeriod(ChecklistCadence.Daily, new DateOnly(2031, 6, 11)), s_now,
            _items.Values.GroupBy(i => i.SectionKey).Select((g, n) => new ChecklistRunSection(g.Key, "Section " + g.Key, n + 1,
                n == 0 ? new TimeOnly(9, 0) : null, null, g.ToList())).ToList());

        /// <summary>Someone else's committed change, made without this page.</summary>
        public ChecklistItemState ChangeBehindThePage(string key, ChecklistChangeKind kind, string by, string? note = null)
        {
            var current = _items[key];
            _items[key] = Next(current, kind, by, note);
            Applied++;
            return _items[key];
        }

        public Task<ChecklistRun> GetCurrentRunAsync(ChecklistCadence cadence, CancellationToken cancellationToken) => Task.FromResult(Run());

        public Task<ChecklistRun?> GetRunAsync(long runId, CancellationToken cancellationToken) => Task.FromResult<ChecklistRun?>(Run());

        public Task<IReadOnlyList<ChecklistChangeRecord>> GetChangesAsync(long runId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ChecklistChangeRecord>>([]);

        public Task<IReadOnlyList<ChecklistItemState>> GetItemsAsync(IReadOnlyCollection<(long RunId, string ItemKey)> items,
            CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ChecklistItemState>>(items.Select(i => _items[i.ItemKey]).ToList());

        public async Task<ChecklistChangeResult> ApplyAsync(ChecklistChangeRequest request, ChecklistActor actor, CancellationToken cancellationToken)
        {
            Requests.Add((request, actor));
            if (_hold is { } hold)
            {
                _hold = null;
                await hold.Task;
            }
            if (Down)
            {
                throw new ChecklistUnavailableException();
            }
            var current = _items[request.ItemKey];
            if (!_keys.Add(request.IdempotencyKey))
            {
                return new ChecklistChangeResult(ChecklistChangeOutcome.Replayed, current);
            }
            if (current.Version != request.ExpectedVersion)
            {
                return new ChecklistChangeResult(ChecklistChangeOutcome.Stale, current);
            }
            _items[request.ItemKey] = Next(current, request.Kind, actor.Name, request.Note);
            Applied++;
            return new ChecklistChangeResult(ChecklistChangeOutcome.Applied, _items[request.ItemKey]);
        }

        private static ChecklistItemState Next(ChecklistItemState current, ChecklistChangeKind kind, string by, string? note)
        {
            var next = kind switch
            {
                ChecklistChangeKind.Tick => current with { Ticked = true, TickedBy = by, TickedAt = s_now },
                ChecklistChangeKind.Untick => current with { Ticked = false, TickedBy = null, TickedAt = null },
                _ => current with { Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), NoteBy = by, NoteAt = s_now },
            };
            return next with { ChangedBy = by, ChangedAt = s_now, ChangeKind = ChecklistRules.KindName(kind), Version = current.Version + 1 };
        }
    }
}
