using System.Globalization;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// One incident (Viewer+): its severity, lead, linked alerts, resolution and timeline — people's notes beside what the
/// dashboard recorded by itself (the linked alerts' transitions, the autoscaler's scale events). Operators and above add
/// notes, resolve (summary, post-mortem link) and reopen, each re-checked on the server by <see cref="IncidentCommands"/>.
/// The timeline is read again when any instance records or writes something (this one directly, the others through
/// <see cref="IncidentEventChannel"/>); a failed write keeps what was typed. The timeline's rows hold a kind and values
/// (the alert's name, "3→5" pods, who): the words are chosen here from the kind in the reader's language; what people
/// typed (notes, summaries, titles) is shown as they wrote it.
/// </summary>
public sealed partial class IncidentPage : IncidentComponent
{
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private IncidentDetail? _detail;
    private string? _note = "";
    private string? _summary = "";
    private string? _postMortem = "";
    private bool _busy;
    private string? _message;
    private bool _messageIsError;
    private string? _loadError;

    [Parameter] public long Id { get; set; }

    [Inject] private IncidentStore Store { get; set; } = default!;
    [Inject] private IncidentCommands Commands { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private DateTimeOffset Now => Time.GetUtcNow();

    private static CultureInfo C => Languages.Current;

    private string TitleText => _detail is { } d
        ? (d.Incident.Status == IncidentStatus.Open ? L["Incidents_TitleOpenState", d.Incident.Title] : L["Incidents_TitleResolvedState", d.Incident.Title])
        : L["Incidents_Incident"];

    public async Task AddNoteAsync()
    {
        if (await RunAsync(ct => Commands.AddNoteAsync(Id, _note, ct)))
        {
            _note = "";
        }
    }

    public async Task ResolveAsync()
    {
        if (await RunAsync(ct => Commands.ResolveAsync(Id, _summary, _postMortem, ct)))
        {
            _summary = "";
            _postMortem = "";
        }
    }

    public Task ReopenAsync() => RunAsync(ct => Commands.ReopenAsync(Id, ct));

    private async Task<bool> RunAsync(Func<CancellationToken, Task<IncidentResult>> action)
    {
        _busy = true;
        try
        {
            var result = await action(Disposed.Token);
            _errors = new Dictionary<string, string>(result.FieldErrors, StringComparer.Ordinal);
            _message = result.Message;
            _messageIsError = !result.Saved;
            if (result.Denied)
            {
                CanWrite = false;
            }

            if (result.Saved)
            {
                await LoadAsync();
            }

            return result.Saved;
        }
        finally
        {
            _busy = false;
        }
    }

    private static Dictionary<string, object> Attr(string testId) => new(StringComparer.Ordinal) { ["data-testid"] = testId };

    protected override async Task LoadAsync()
    {
        try
        {
            _detail = await Store.GetAsync(Id, Disposed.Token);
            _loadError = null;
        }
        catch (NpgsqlException)
        {
            _loadError = L["Incidents_DetailUnavailable"];
        }
    }
}
