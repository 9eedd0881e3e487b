using System.Globalization;
using BarberPro.Core.Alerts;
using BarberPro.Core.Costs;
using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Components.Shared;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Alerts;

/// <summary>
/// The alert inbox: what fires and is pending, the silences and maintenance windows, what resolved and how long it
/// lasted, and what fired overnight. Shows the newest <see cref="AlertInbox"/> of the process's <see cref="AlertReader"/>
/// and re-renders when a new one is published (at most one render pending). Silencing, planning, extending and
/// expiring need <see cref="AlertPolicies.Silence"/> (Operators and above): the controls are shown only to them and
/// every handler re-checks the rule on the server through <see cref="CircuitAccess"/>, so a Viewer's circuit sending the
/// event by hand is refused. Every action is audited with its author. "Open an incident" on a firing alert (Operators and
/// above, <see cref="IncidentPolicies.Write"/>) goes through <see cref="IncidentCommands"/>, which checks again; an alert
/// already linked to an open incident shows "Incident #N" instead (from the process's <see cref="IncidentSummaryStore"/>).
/// Every word comes from the shared resources in the circuit's language; dates and counts follow it. What Alertmanager
/// or Prometheus answered in a failure (a technical detail in English) is shown as it came, marked <c>lang="en"</c>.
/// </summary>
public sealed partial class AlertsPage : IDisposable
{
    internal static readonly (string Key, string Label, TimeSpan Length)[] Durations =
    [
        ("30m", "30 min", TimeSpan.FromMinutes(30)),
        ("1h", "1 h", TimeSpan.FromHours(1)),
        ("2h", "2 h", TimeSpan.FromHours(2)),
        ("4h", "4 h", TimeSpan.FromHours(4)),
        ("8h", "8 h", TimeSpan.FromHours(8)),
        ("24h", "24 h", TimeSpan.FromHours(24)),
    ];

    /// <summary>The circuit's language, put back in work that other threads hand to InvokeAsync (<see cref="CircuitCulture"/>).</summary>
    private readonly CircuitCulture _culture = CircuitCulture.Capture();
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<string, string> _planErrors = new(StringComparer.Ordinal);
    private PlanForm _plan = new();
    private string _silenceFor = "1h";
    private bool _canSilence;
    private bool _canOpenIncident;
    private bool _busy;
    private string? _message;
    private bool _messageIsError;
    private RenderCoalescer? _renders;

    private static CultureInfo C => Languages.Current;

    [Inject] private AlertInboxStore Store { get; set; } = default!;
    [Inject] private AlertmanagerClient Alertmanager { get; set; } = default!;
    [Inject] private IOptions<AlertsOptions> Options { get; set; } = default!;
    [Inject] private IOptions<LiveOptions> LiveOptions { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private SecurityAudit Audit { get; set; } = default!;
    [Inject] private ILogger<AlertsPage> Logger { get; set; } = default!;
    [Inject] private IncidentCommands Incidents { get; set; } = default!;
    [Inject] private IncidentSummaryStore IncidentSummaries { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private AlertInbox Inbox { get; set; } = AlertInbox.Empty;

    private DateTimeOffset Now => Inbox.AsOf ?? Time.GetUtcNow();

    private string TitleText => Inbox.Firing.Count switch
    {
        0 => L["Alerts_Title"],
        var n => L["Alerts_TitleFiring", n],
    };

    private string AsOfText => Inbox.AsOf is { } at
        ? L["Alerts_ReadAt", ArgentinaTime.FormatTimeWithSeconds(at), Options.Value.PollInterval.TotalSeconds.ToString("0.#", Money.NumbersOf(C))]
        : L["Alerts_Reading"];

    /// <summary>Label names offered for a window's matchers: those of current alerts, and always alertname and severity.</summary>
    private IEnumerable<string> LabelNames =>
        Inbox.LabelValues().Keys.Concat(["alertname", "severity"]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        Inbox = Store.Current;
        _renders = new RenderCoalescer(InvokeAsync, () =>
        {
            Inbox = Store.Current;
            StateHasChanged();
        });
        Store.Changed += OnInbox;
        IncidentSummaries.Changed += OnIncidents;
        Authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        await UpdateAccessAsync(Authentication.GetAuthenticationStateAsync());
        _plan = PlanForm.Tomorrow(Time.GetUtcNow());
    }

    public void Dispose()
    {
        Store.Changed -= OnInbox;
        IncidentSummaries.Changed -= OnIncidents;
        _renders?.Stop();

        Authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }

    /// <summary>Silences one firing alert (every one of its labels, exactly) for the chosen duration, from now.</summary>
    public async Task SilenceAlertAsync(string fingerprint)
    {
        if (!await AllowedAsync())
        {
            return;
        }

        var alert = Inbox.Firing.FirstOrDefault(a => a.Fingerprint == fingerprint);
        if (alert is null)
        {
            Say(L["Alerts_NoLongerFiring"], error: true);
            return;
        }

        var length = Durations.FirstOrDefault(d => d.Key == _silenceFor).Length;
        length = length == TimeSpan.Zero ? TimeSpan.FromHours(1) : length;
        var now = Time.GetUtcNow();
        var matchers = alert.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => SilenceMatcher.Exact(p.Key, p.Value)).ToArray();
        var author = await AuthorAsync();
        await RunAsync(async ct =>
        {
            var id = await Alertmanager.SaveSilenceAsync(new SilenceRequest(matchers, now, now + length, author,
                $"{MaintenanceWindowTime.InboxSilenceCommentPrefix} for {DurationLabel(_silenceFor)}"), ct);
            await Audit.RecordAsync(AlertAuditKinds.SilenceCreated, author, id, null,
                $"{alert.AlertName} for {DurationLabel(_silenceFor)} until {ArgentinaTime.FormatDateTime(now + length)} ART; {string.Join(", ", matchers.Select(m => m.ToString()))}", ct);
            return L["Alerts_SilencedUntil", alert.AlertName, ArgentinaTime.FormatDateTime(now + length, C)];
        });
    }

    /// <summary>
    /// Opens an incident from a firing alert in one click (its name and summary as title, its severity, the author
    /// leading, the alert linked so its transitions are recorded in the timeline) and goes to the incident's page.
    /// <see cref="IncidentCommands"/> re-checks the role (Operator+) on the server and audits it.
    /// </summary>
    public async Task OpenIncidentAsync(string fingerprint)
    {
        var alert = Inbox.Firing.FirstOrDefault(a => a.Fingerprint == fingerprint);
        if (alert is null)
        {
            Say(L["Alerts_NoLongerFiring"], error: true);
            return;
        }

        _busy = true;
        try
        {
            var result = await Incidents.OpenFromAlertAsync(alert, _disposed.Token);
            if (result.Id is { } id)
            {
                // Opened now, or already open (someone else opened it a moment ago): either way, go to it.
                Navigation.NavigateTo(IncidentUrls.Incident(id));
                return;
            }

            if (result.Denied)
            {
                _canOpenIncident = false;
            }

            Say(result.Message ?? L["Alerts_NotOpened"], error: true);
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Moves a silence's end later by <paramref name="by"/> (same id, same matchers).</summary>
    public async Task ExtendAsync(string silenceId, TimeSpan by)
    {
        if (!await AllowedAsync())
        {
            return;
        }

        var silence = Inbox.Silences.FirstOrDefault(s => s.Id == silenceId && s.State != SilenceState.Expired);
        if (silence is null)
        {
            Say(L["Alerts_SilenceEnded"], error: true);
            return;
        }

        var author = await AuthorAsync();
        var endsAt = silence.EndsAt + by;
        await RunAsync(async ct =>
        {
            var id = await Alertmanager.SaveSilenceAsync(new SilenceRequest(silence.Matchers, silence.StartsAt, endsAt, silence.CreatedBy, silence.Comment, silence.Id), ct);
            await Audit.RecordAsync(AlertAuditKinds.SilenceExtended, author, id, null, $"until {ArgentinaTime.FormatDateTime(endsAt)} ART (was {ArgentinaTime.FormatDateTime(silence.EndsAt)})", ct);
            return L["Alerts_Extended", ArgentinaTime.FormatDateTime(endsAt, C)];
        });
    }

    /// <summary>Ends a silence now.</summary>
    public async Task ExpireAsync(string silenceId)
    {
        if (!await AllowedAsync())
        {
            return;
        }

        var author = await AuthorAsync();
        await RunAsync(async ct =>
        {
            await Alertmanager.ExpireSilenceAsync(silenceId, ct);
            await Audit.RecordAsync(AlertAuditKinds.SilenceExpired, author, silenceId, null, null, ct);
            return L["Alerts_ExpiredDone"];
        });
    }

    /// <summary>Plans the window of the form (Argentina time, converted with the time-zone database).</summary>
    public async Task PlanWindowAsync()
    {
        if (!await AllowedAsync())
        {
            return;
        }

        var plan = _plan.Validate(Time.GetUtcNow(), _planErrors, L);
        if (plan is null)
        {
            return;
        }

        var author = await AuthorAsync();
        var (matchers, startsAt, endsAt, comment) = plan.Value;
        await RunAsync(async ct =>
        {
            var id = await Alertmanager.SaveSilenceAsync(new SilenceRequest(matchers, startsAt, endsAt, author, comment), ct);
            await Audit.RecordAsync(AlertAuditKinds.WindowPlanned, author, id, null,
                $"{MaintenanceWindowTime.Describe(startsAt, endsAt)}; {string.Join(", ", matchers.Select(m => m.ToString()))}; {comment}", ct);
            _plan = PlanForm.Tomorrow(Time.GetUtcNow());
            return L["Alerts_Planned", MaintenanceWindowTime.Describe(startsAt, endsAt, C)];
        }, planForm: true);
    }

    /// <summary>The severity in the reader's words ("Critical", "Crítica"); an unknown one as it is, capitalised.</summary>
    internal static string SeverityWord(string severity, IStringLocalizer<Strings> text) => severity switch
    {
        "critical" => text["Alerts_Critical"],
        "warning" => text["Alerts_Warning"],
        "info" => text["Alerts_Info"],
        "" => text["Alerts_NoSeverity"],
        _ => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(severity),
    };

    internal static string SeverityIcon(string severity) => severity switch
    {
        "critical" => "✖",
        "warning" => "▲",
        "info" => "ℹ",
        _ => "?",
    };

    internal static string DurationText(TimeSpan span) => FigureFormat.Duration(span);

    private static string SeverityClass(string severity) => severity switch
    {
        "critical" => "level-critical",
        "warning" => "level-warning",
        _ => "level-unknown",
    };

    private static string StateName(SilenceState state) => state.ToString().ToLowerInvariant();

    private static string StatusName(AlertSourceStatus status) => status switch
    {
        AlertSourceStatus.NotConfigured => "not-configured",
        AlertSourceStatus.Unavailable => "unavailable",
        AlertSourceStatus.Starting => "starting",
        _ => "ok",
    };

    private string StateWord(SilenceState state) => state switch
    {
        SilenceState.Active => L["Alerts_StateActive"],
        SilenceState.Pending => L["Alerts_StatePlanned"],
        _ => L["Alerts_StateExpired"],
    };

    private static Dictionary<string, object> Attr(string testId) => new(StringComparer.Ordinal) { ["data-testid"] = testId };

    /// <summary>A new label for a matcher row: its value is chosen again among that label's values.</summary>
    private static void ChooseLabel(MatcherRow row, string? name)
    {
        if (name is not null && name != row.Name)
        {
            row.Name = name;
            row.Value = "";
        }
    }

    /// <summary>The values seen for <paramref name="name"/> holding what was typed (all of them when nothing is typed).</summary>
    private Task<IEnumerable<string>> SearchValuesAsync(string name, string? typed, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var values = ValuesOf(name);
        return Task.FromResult(string.IsNullOrWhiteSpace(typed)
            ? values
            : values.Where(v => v.Contains(typed.Trim(), StringComparison.OrdinalIgnoreCase)));
    }

    private static string DurationLabel(string key) => Durations.FirstOrDefault(d => d.Key == key).Label ?? "1 h";

    private IEnumerable<string> ValuesOf(string name)
    {
        var values = Inbox.LabelValues().TryGetValue(name, out var seen) ? seen : [];
        return name switch
        {
            "alertname" => values.Concat(LiveOptions.Value.EffectiveExpectedAlertRules).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
            "severity" => values.Concat(["critical", "warning"]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal),
            _ => values,
        };
    }

    private async Task<bool> AllowedAsync()
    {
        if (await Access.IsAllowedAsync(AlertPolicies.Silence, _disposed.Token))
        {
            return true;
        }

        _canSilence = false;
        Say(Access.RefusalMessage == CircuitAccess.DeniedMessage
            ? L["Alerts_NeedsOperator"]
            : Access.RefusalMessage, error: true);
        return false;
    }

    private async Task<string> AuthorAsync() =>
        (await Authentication.GetAuthenticationStateAsync()).User.Identity?.Name ?? "unknown";

    private async Task RunAsync(Func<CancellationToken, Task<string>> action, bool planForm = false)
    {
        _busy = true;
        try
        {
            Say(await action(_disposed.Token), error: false);
            Store.RequestRefresh();
        }
        catch (AlertmanagerException ex)
        {
            // What was typed stays in the form; the message says what Alertmanager answered.
            LogActionFailed(Logger, ex.Kind, ex.Message);
            // Unreachable: said in the reader's words (the detail is in the log); refused: Alertmanager's own answer.
            string text = ex.IsUnavailable || ex.Kind == AlertmanagerErrorKind.NotConfigured
                ? L["Alerts_NotSavedDown"]
                : L["Alerts_NotSavedBecause", ex.Message];
            if (planForm)
            {
                _planErrors["form"] = text;
            }

            Say(text, error: true);
        }
        catch (ArgumentException ex)
        {
            Say(L["Alerts_NotSavedBecause", ex.Message.Split(" (Parameter", 2)[0]], error: true);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Say(string text, bool error)
    {
        _message = text;
        _messageIsError = error;
    }

    private async Task UpdateAccessAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        _canSilence = (await Authorization.AuthorizeAsync(user, AlertPolicies.Silence)).Succeeded;
        _canOpenIncident = (await Authorization.AuthorizeAsync(user, IncidentPolicies.Write)).Succeeded;
    }

    private void OnAuthenticationStateChanged(Task<AuthenticationState> state) =>
        _ = InvokeAsync(_culture.Wrap(async () =>
        {
            await UpdateAccessAsync(state);
            StateHasChanged();
        }));

    private void OnInbox(AlertInbox inbox) => _renders?.Request();

    private void OnIncidents(IncidentSummary summary) => _renders?.Request();

    /// <summary>The open incident linked to the alert, as the newest incident summary of this process knows it.</summary>
    private long? OpenIncidentOf(string fingerprint) => IncidentSummaries.Current?.OpenIncidentOf(fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert inbox action not saved: {Kind}: {Error}")]
    private static partial void LogActionFailed(ILogger logger, AlertmanagerErrorKind kind, string error);

    /// <summary>One matcher row of the window form.</summary>
    internal sealed class MatcherRow
    {
        public string Name { get; set; } = "alertname";

        public string? Value { get; set; } = "";
    }

    /// <summary>What the window form holds; kept as typed when saving fails.</summary>
    internal sealed class PlanForm
    {
        /// <summary>The Argentina calendar day (the date picker's DateTime; its time of day is not used).</summary>
        public DateTime? Date { get; set; }

        /// <summary>Argentina wall-clock times (the time pickers' TimeSpan).</summary>
        public TimeSpan? Start { get; set; }

        public TimeSpan? End { get; set; }

        public string? Comment { get; set; } = "";

        public List<MatcherRow> Matchers { get; } = [new()];

        public static PlanForm Tomorrow(DateTimeOffset now) => new()
        {
            Date = ArgentinaTime.DateOf(now).AddDays(1).ToDateTime(TimeOnly.MinValue),
            Start = new TimeSpan(2, 0, 0),
            End = new TimeSpan(4, 0, 0),
        };

        /// <summary>The window to save, or null with a message per field (in the reader's words) in <paramref name="errors"/>.</summary>
        public (SilenceMatcher[] Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Comment)? Validate(
            DateTimeOffset now, Dictionary<string, string> errors, IStringLocalizer<Strings> text)
        {
            errors.Clear();
            DateTimeOffset startsAt = default, endsAt = default;
            if (Date is not { } date || Start is not { } start || End is not { } end)
            {
                errors["when"] = text["Alerts_ChooseWhen"];
            }
            else
            {
                (startsAt, endsAt) = MaintenanceWindowTime.ToUtc(DateOnly.FromDateTime(date), TimeOnly.FromTimeSpan(start), TimeOnly.FromTimeSpan(end));
                if (endsAt <= now)
                {
                    errors["when"] = text["Alerts_WindowOver"];
                }
                else if (endsAt - startsAt > MaintenanceWindowTime.MaxLength)
                {
                    errors["when"] = text["Alerts_WindowTooLong", (int)MaintenanceWindowTime.MaxLength.TotalDays];
                }
            }

            var matchers = new List<SilenceMatcher>();
            for (var i = 0; i < Matchers.Count; i++)
            {
                var (name, value) = (Matchers[i].Name, Matchers[i].Value ?? "");
                // The same rules as SilenceMatcher.Exact, said in the reader's words.
                string? problem = !SilenceMatcher.IsLabelName(name) ? text["Alerts_NotALabelName", name].Value
                    : value.Length == 0 ? text["Alerts_ChooseValue"].Value
                    : value.Length > SilenceMatcher.MaxValueLength ? text["Alerts_ValueTooLong", name, SilenceMatcher.MaxValueLength].Value
                    : null;
                if (problem is null)
                {
                    matchers.Add(SilenceMatcher.Exact(name, value));
                }
                else
                {
                    errors[$"matcher{i}"] = problem;
                }
            }

            var comment = (Comment ?? "").Trim();
            if (comment.Length == 0)
            {
                errors["comment"] = text["Alerts_SayWhy"];
            }

            return errors.Count == 0 ? (matchers.ToArray(), startsAt < now ? now : startsAt, endsAt, comment) : null;
        }
    }
}
