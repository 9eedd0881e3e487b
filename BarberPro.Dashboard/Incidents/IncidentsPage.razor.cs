using System.Globalization;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// The incident list (Viewer+): open incidents first, then resolved ones with how long they took; Operators and above
/// also see the form to open one by hand (title, severity, who leads). Writes go through <see cref="IncidentCommands"/>,
/// which re-checks the role on the server. The list is read again when this process records or writes something.
/// Words from the shared resources, dates in the circuit's language.
/// </summary>
public sealed partial class IncidentsPage : IncidentComponent
{
    internal const int ListLimit = 200;

    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private IReadOnlyList<Incident> _incidents = [];
    private IReadOnlyList<IncidentLead> _leads = [];
    private string? _title = "";
    private string? _severity = "";
    private string? _lead = "";
    private bool _busy;
    private string? _message;
    private bool _messageIsError;
    private string? _loadError;

    [Inject] private IncidentStore Store { get; set; } = default!;
    [Inject] private IncidentCommands Commands { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<Incident> Open => [.. _incidents.Where(i => i.Status == IncidentStatus.Open)];

    private IReadOnlyList<Incident> Resolved => [.. _incidents.Where(i => i.Status == IncidentStatus.Resolved)];

    private DateTimeOffset Now => Time.GetUtcNow();

    private static CultureInfo C => Languages.Current;

    private string TitleText => Open.Count == 0 ? L["Incidents_Title"] : L["Incidents_TitleOpen", Open.Count];

    /// <summary>Opens the incident of the form; on success goes to its page, else keeps what was typed and says why.</summary>
    public async Task OpenAsync()
    {
        _busy = true;
        try
        {
            var result = await Commands.OpenAsync(_title, _severity, _lead, Disposed.Token);
            _errors = new Dictionary<string, string>(result.FieldErrors, StringComparer.Ordinal);
            if (result is { Saved: true, Id: { } id })
            {
                Navigation.NavigateTo(IncidentUrls.Incident(id));
                return;
            }

            _message = result.Message;
            _messageIsError = result.Message is not null;
            if (result.Denied)
            {
                CanWrite = false;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    protected override async Task LoadAsync()
    {
        try
        {
            _incidents = await Store.ListAsync(ListLimit, Disposed.Token);
            if (CanWrite && _leads.Count == 0)
            {
                _leads = await Store.ListLeadsAsync(Disposed.Token);
            }

            _loadError = null;
        }
        catch (NpgsqlException)
        {
            _loadError = L["Incidents_ListUnavailable"];
        }
    }

    private static Dictionary<string, object> Attr(string testId) => new(StringComparer.Ordinal) { ["data-testid"] = testId };

    /// <summary>The lead's name shown in the closed select (the value is the user's id).</summary>
    private string LeadName(string? userId) =>
        _leads.FirstOrDefault(l => l.UserId == userId)?.DisplayName ?? "";

    internal static string SeverityClass(string severity) => severity switch
    {
        "critical" => "level-critical",
        "warning" => "level-warning",
        _ => "level-unknown",
    };
}
