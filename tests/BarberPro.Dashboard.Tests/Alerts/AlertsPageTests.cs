using System.Net;
using System.Text;
using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Core.Live;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Alerts;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Tests.Alerts;

/// <summary>The inbox component with a published inbox, a stand-in Alertmanager that records what it is sent, and a signed-in user.</summary>
public sealed class AlertsPageTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero); // 09:00 ART

    private readonly BunitContext _context = new();
    private readonly RecordingAlertmanager _alertmanager = new();
    private readonly AlertInboxStore _store = new();
    private readonly BunitAuthorizationContext _auth;
    private readonly HttpClient _http;

    public AlertsPageTests()
    {
        _http = new HttpClient(_alertmanager);
        var client = new AlertmanagerClient(_http, Options.Create(new AlertmanagerOptions { BaseUrl = "http://am.test:9093" }), new TestLogger<AlertmanagerClient>());
        _context.Services.AddSingleton(client);
        _context.Services.AddSingleton(_store);
        _context.Services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        _context.Services.AddSingleton(Options.Create(new AlertsOptions { RunbookBaseUrl = "https://git.example/ops/blob/main/" }));
        _context.Services.AddSingleton(Options.Create(new LiveOptions()));
        _context.Services.AddLogging();
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        // CircuitAccess as in the app; its audit row cannot be written here (no database), which it logs and survives.
        _context.Services.AddSingleton(Npgsql.NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1"));
        _context.Services.AddSingleton<BarberPro.Dashboard.Security.SecurityAudit>();
        _context.Services.AddScoped<BarberPro.Dashboard.Security.CircuitAccess>();
        // Incidents opened from the inbox: the commands on the same unreachable database (their own tests use a real one).
        _context.Services.AddSingleton<IncidentStore>();
        _context.Services.AddSingleton<IncidentSummaryStore>();
        _context.Services.AddSingleton(sp => new IncidentRecorder(sp.GetRequiredService<IncidentStore>(), sp.GetRequiredService<IncidentSummaryStore>(),
            _store, null, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<AlertsOptions>>(), new TestLogger<IncidentRecorder>()));
        _context.Services.AddScoped<IncidentCommands>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = _context.AddAuthorization();
        _auth.SetAuthorized("ana@barberpro.example");
        _context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        _store.Publish(Inbox());
        _context.Render<MudPopoverProvider>();
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public void Inbox_ShowsFiringPendingSilencesAndResolved_WithSeverityWordsAndRunbook()
    {
        SetRole(Roles.Viewer);

        var page = _context.Render<AlertsPage>();

        var firing = page.Find("[data-section=firing] [data-alert=HighErrorRate]");
        Assert.Equal("✖ Critical", firing.QuerySelector("[data-severity]")!.TextContent.Trim());
        Assert.Contains("since Mon 30 Nov 08:40 ART (20 min)", firing.QuerySelector("[data-since]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("🔔 Not silenced", firing.QuerySelector("[data-silenced-word]")!.TextContent);
        Assert.Equal("https://git.example/ops/blob/main/docs/runbooks/HighErrorRate.md", firing.QuerySelector("a[data-runbook]")!.GetAttribute("href"));
        Assert.Equal("route=/book \"now\"", firing.QuerySelector("[data-label=route]")!.TextContent);
        var silenced = page.Find("[data-section=firing] [data-alert=RedisConnectionFailure]");
        Assert.Equal("true", silenced.GetAttribute("data-silenced"));
        Assert.Equal("🔕 Silenced", silenced.QuerySelector("[data-silenced-word]")!.TextContent);
        Assert.Equal("▲ Warning", page.Find("[data-section=pending] [data-alert=HighCPUUsage] [data-severity]").TextContent.Trim());
        var window = page.Find("[data-silence=s-1]");
        Assert.Equal("active", window.GetAttribute("data-silence-state"));
        Assert.Equal("Mon 30 Nov 08:50–09:50 ART", window.QuerySelector("[data-window]")!.TextContent);
        Assert.Equal("alertname=\"RedisConnectionFailure\"", window.QuerySelector("[data-matcher]")!.TextContent);
        Assert.Equal("lasted 1 h 5 min", page.Find("[data-resolved=HighMemoryUsage] [data-duration]").TextContent);
        Assert.Equal("3", page.Find("[data-overnight]").GetAttribute("data-overnight"));
    }

    [Fact]
    public void Viewer_SeesNoSilenceControls()
    {
        SetRole(Roles.Viewer);

        var page = _context.Render<AlertsPage>();

        Assert.Empty(page.FindAll("[data-testid=silence-alert]"));
        Assert.Empty(page.FindAll("[data-testid=expire-silence]"));
        Assert.Empty(page.FindAll("[data-testid=extend-silence]"));
        Assert.Empty(page.FindAll("[data-section=plan]"));
        Assert.Equal(2, page.FindAll("[data-section=firing] [data-alert]").Count);
    }

    [Fact]
    public async Task AViewersCircuitSendingTheEventsAnyway_IsRefusedAndNothingReachesAlertmanager()
    {
        SetRole(Roles.Viewer);
        var page = _context.Render<AlertsPage>();

        await page.InvokeAsync(() => page.Instance.SilenceAlertAsync(Fingerprint("HighErrorRate")));
        await page.InvokeAsync(() => page.Instance.ExpireAsync("s-1"));
        await page.InvokeAsync(() => page.Instance.ExtendAsync("s-1", TimeSpan.FromHours(1)));
        await page.InvokeAsync(() => page.Instance.PlanWindowAsync());
        page.Render();

        Assert.Empty(_alertmanager.Requests);
        Assert.Equal("Silences and maintenance windows need the Operator role.", page.Find("[data-action-message]").TextContent);
    }

    [Fact]
    public async Task Operator_SilencesAFiringAlertForTheChosenDuration_WithEveryLabelExactly()
    {
        SetRole(Roles.Operator);
        var page = _context.Render<AlertsPage>();

        await page.ChooseAsync("silence-duration", "2h");
        await page.Find("[data-alert=HighErrorRate] [data-testid=silence-alert]").ClickAsync(new());

        var (method, path, body) = Assert.Single(_alertmanager.Requests);
        Assert.Equal("POST /api/v2/silences", $"{method} {path}");
        Assert.Contains("\"name\":\"route\",\"value\":\"/book \\u0022now\\u0022\",\"isRegex\":false,\"isEqual\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"startsAt\":\"2026-11-30T12:00:00.000Z\",\"endsAt\":\"2026-11-30T14:00:00.000Z\"", body, StringComparison.Ordinal);
        Assert.Contains("\"createdBy\":\"ana@barberpro.example\"", body, StringComparison.Ordinal);
        Assert.Equal("HighErrorRate silenced until Mon 30 Nov 11:00 ART.", page.Find("[data-action-message]").TextContent);
    }

    [Fact]
    public async Task Operator_PlansTomorrowTwoToFourArt_SentAsFiveToSevenUtc()
    {
        SetRole(Roles.Operator);
        var page = _context.Render<AlertsPage>();

        await PlanAsync(page, "HighErrorRate", "Database upgrade");

        var (_, _, body) = Assert.Single(_alertmanager.Requests);
        Assert.Contains("\"startsAt\":\"2026-12-01T05:00:00.000Z\",\"endsAt\":\"2026-12-01T07:00:00.000Z\"", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"alertname\",\"value\":\"HighErrorRate\"", body, StringComparison.Ordinal);
        Assert.Contains("\"comment\":\"Database upgrade\"", body, StringComparison.Ordinal);
        Assert.Equal("Window planned: Tue 1 Dec 02:00–04:00 ART.", page.Find("[data-action-message]").TextContent);
    }

    [Fact]
    public async Task PlanForm_ShowsEachProblemBesideItsField_AndAlertmanagerDownKeepsWhatWasTyped()
    {
        SetRole(Roles.Operator);
        var page = _context.Render<AlertsPage>();

        await page.Find("[data-testid=plan-save]").ClickAsync(new());
        Assert.Equal("Choose a value.", page.Find("[data-field-error=matcher0]").TextContent);
        Assert.Equal("Say why (the comment is shown with the window).", page.Find("[data-field-error=comment]").TextContent);
        Assert.Empty(_alertmanager.Requests);

        _alertmanager.Down = true;
        await PlanAsync(page, "HighErrorRate", "Database upgrade");

        Assert.StartsWith("Not saved: Alertmanager is not answering", page.Find("[data-field-error=form]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Database upgrade", page.Find("[data-testid=plan-comment]").GetAttribute("value"));
        Assert.Equal("HighErrorRate", page.Find("[data-testid=plan-value]").GetAttribute("value"));
    }

    [Fact]
    public void NewInbox_IsRenderedWithoutReload()
    {
        SetRole(Roles.Viewer);
        var page = _context.Render<AlertsPage>();

        _store.Publish(Inbox() with { Version = 8, Firing = [] });

        page.WaitForAssertion(() => Assert.Equal("No alert is firing.", page.Find("[data-section=firing] [data-empty]").TextContent));
        Assert.Equal("8", page.Find("[data-alerts-root]").GetAttribute("data-version"));
    }

    [Fact]
    public void HistoryOrAlertmanagerUnavailable_IsSaidInWords()
    {
        SetRole(Roles.Viewer);
        _store.Publish(Inbox() with
        {
            Version = 8,
            Alertmanager = AlertSourceStatus.Unavailable,
            AlertmanagerError = "Alertmanager cannot be reached at http://am.test:9093/ (ConnectionError: refused).",
            Firing = [],
            HistoryError = "The alert history cannot be saved or read now (the dashboard's database is not answering); what fires now is still shown.",
        });

        var page = _context.Render<AlertsPage>();

        Assert.Contains("Alertmanager is not answering — firing alerts and silences are unknown.", page.Find("[data-alertmanager-status=unavailable]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Unknown: Alertmanager could not be read.", page.Find("[data-section=firing] [data-empty]").TextContent);
        Assert.Contains("The alert history cannot be saved or read now", page.Find("[data-history-status]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_SeesOpenAnIncident_OnEachFiringAlert_AViewerDoesNot()
    {
        SetRole(Roles.Operator);
        Assert.Equal(2, _context.Render<AlertsPage>().FindAll("[data-section=firing] [data-testid=open-incident]").Count);

        SetRole(Roles.Viewer);
        Assert.Empty(_context.Render<AlertsPage>().FindAll("[data-testid=open-incident]"));
    }

    [Fact]
    public void AnAlertWithAnOpenIncident_ShowsThatIncident_InsteadOfOfferingAnother_AsSoonAsItIsKnown()
    {
        SetRole(Roles.Operator);
        var summaries = _context.Services.GetRequiredService<IncidentSummaryStore>();
        var page = _context.Render<AlertsPage>();
        Assert.Equal(2, page.FindAll("[data-section=firing] [data-testid=open-incident]").Count);

        summaries.Publish(new IncidentSummary(Now, 1, 0, 0, null) { OpenLinks = [new OpenIncidentLink(Fingerprint("HighErrorRate"), 42)] });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-alert=HighErrorRate] [data-testid=alert-incident]")));
        var link = page.Find("[data-alert=HighErrorRate] [data-testid=alert-incident]");
        Assert.Equal(("Incident #42", "/incidents/42"), (link.TextContent.Trim(), link.GetAttribute("href")));
        Assert.Empty(page.FindAll("[data-alert=HighErrorRate] [data-testid=open-incident]"));
        Assert.Single(page.FindAll("[data-alert=RedisConnectionFailure] [data-testid=open-incident]"));

        // A Viewer sees which incident it is too.
        SetRole(Roles.Viewer);
        Assert.Equal("Incident #42", _context.Render<AlertsPage>().Find("[data-alert=HighErrorRate] [data-testid=alert-incident]").TextContent.Trim());
    }

    [Fact]
    public async Task AViewersCircuitOpeningAnIncidentAnyway_IsRefusedBeforeTheDatabase()
    {
        SetRole(Roles.Viewer);
        var page = _context.Render<AlertsPage>();

        await page.InvokeAsync(() => page.Instance.OpenIncidentAsync(Fingerprint("HighErrorRate")));
        page.Render();

        // Refused by the role check: the database (unreachable here) was never asked, or the message would say so.
        Assert.Equal("Incidents can be opened and written by Operators and above.", page.Find("[data-action-message]").TextContent);
    }

    [Fact]
    public async Task Operator_OpeningAnIncident_WithTheDatabaseDown_IsToldSoBesideTheInbox()
    {
        SetRole(Roles.Operator);
        var page = _context.Render<AlertsPage>();

        await page.Find("[data-alert=HighErrorRate] [data-testid=open-incident]").ClickAsync(new());

        Assert.Equal("Not saved: the dashboard's database is not answering. Try again in a moment.", page.Find("[data-action-message]").TextContent);
        Assert.Equal("http://localhost/", _context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri);
    }

    /// <summary>
    /// A Spanish (Argentina) reader: the inbox's words, days and months in Spanish, and a window typed in the Spanish
    /// pickers (tomorrow, 02:00–04:00 ART, the date written the Argentine way) is sent as 05:00–07:00 UTC as in English.
    /// What people and rules wrote (summaries, comments, label values) stays as written and is left out of the check.
    /// </summary>
    [Fact]
    public async Task InSpanish_TheInboxReadsSpanish_AndAWindowTypedTomorrowTwoToFourArt_IsSentAsFiveToSevenUtc()
    {
        using var culture = CultureScope.Use("es-AR");
        SetRole(Roles.Operator);
        var page = _context.Render<AlertsPage>();

        Assert.Equal("Alertas", page.Find("h1").TextContent);
        var firing = page.Find("[data-section=firing] [data-alert=HighErrorRate]");
        Assert.Equal("✖ Crítica", firing.QuerySelector("[data-severity]")!.TextContent.Trim());
        Assert.Equal("desde lun 30 nov 08:40 ART (20 min)", firing.QuerySelector("[data-since]")!.TextContent);
        Assert.Equal("🔔 Sin silenciar", firing.QuerySelector("[data-silenced-word]")!.TextContent);
        Assert.Equal("lun 30 nov 08:50–09:50 ART", page.Find("[data-silence=s-1] [data-window]").TextContent);
        Assert.Equal("duró 1 h 5 min", page.Find("[data-resolved=HighMemoryUsage] [data-duration]").TextContent);
        Assert.Equal("Silenciar 1 h", page.Find("[data-alert=HighErrorRate] [data-testid=silence-alert]").TextContent.Trim());
        Assert.Equal([], EnglishWords.In(WordsOfThePage(page)));

        page.Find("[data-testid=plan-date] input, input[data-testid=plan-date]").Change("1/12/2026");
        page.Find("[data-testid=plan-start] input, input[data-testid=plan-start]").Change("02:00");
        page.Find("[data-testid=plan-end] input, input[data-testid=plan-end]").Change("04:00");
        await PlanAsync(page, "HighErrorRate", "Actualización de la base");

        var (_, _, body) = Assert.Single(_alertmanager.Requests);
        Assert.Contains("\"startsAt\":\"2026-12-01T05:00:00.000Z\",\"endsAt\":\"2026-12-01T07:00:00.000Z\"", body, StringComparison.Ordinal);
        Assert.Equal("Ventana planificada: mar 1 dic 02:00–04:00 ART.", page.Find("[data-action-message]").TextContent);

        // Typed the Argentine way: "2/12/2026" is the 2nd of December (an English reader's 12 February), 22:00–01:30 ends the next day.
        page.Find("[data-testid=plan-date] input, input[data-testid=plan-date]").Change("2/12/2026");
        page.Find("[data-testid=plan-start] input, input[data-testid=plan-start]").Change("22:00");
        page.Find("[data-testid=plan-end] input, input[data-testid=plan-end]").Change("01:30");
        await PlanAsync(page, "HighErrorRate", "Migración");

        Assert.Equal(2, _alertmanager.Requests.Count);
        Assert.Contains("\"startsAt\":\"2026-12-03T01:00:00.000Z\",\"endsAt\":\"2026-12-03T04:30:00.000Z\"", _alertmanager.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal("Ventana planificada: mié 2 dic 22:00 – jue 3 dic 01:30 ART.", page.Find("[data-action-message]").TextContent);
    }

    [Fact]
    public async Task InSpanish_EachProblemOfTheWindowForm_IsSaidInSpanishBesideItsField()
    {
        using var culture = CultureScope.Use("es-AR");
        SetRole(Roles.Operator);
        var page = _context.Render<AlertsPage>();

        await page.Find("[data-testid=plan-save]").ClickAsync(new());

        Assert.Equal("Elegí un valor.", page.Find("[data-field-error=matcher0]").TextContent);
        Assert.Equal("Decí por qué (el comentario se muestra con la ventana).", page.Find("[data-field-error=comment]").TextContent);
        Assert.Empty(_alertmanager.Requests);
    }

    /// <summary>The page's text without what people and rules wrote (alert summaries, silence comments, labels, matchers, names).</summary>
    private static string WordsOfThePage(IRenderedComponent<AlertsPage> page)
    {
        var root = page.Find("[data-alerts-root]").Clone(true) as AngleSharp.Dom.IElement;
        foreach (var written in root!.QuerySelectorAll("code, .summary, .comment, .name, strong, [data-runbook]").ToList())
        {
            written.Remove();
        }

        return root.TextContent;
    }

    /// <summary>Fills the window form with one matcher value and a comment, and saves it.</summary>
    private static async Task PlanAsync(IRenderedComponent<AlertsPage> page, string alertName, string comment)
    {
        await page.ChooseAsync("plan-value", alertName);
        page.Find("[data-testid=plan-comment]").Change(comment);
        await page.Find("[data-testid=plan-save]").ClickAsync(new());
    }

    private void SetRole(string role)
    {
        _auth.SetPolicies(Roles.AtLeast(Roles.Operator).Contains(role) ? [Policies.View, AlertPolicies.Silence, IncidentPolicies.Write] : [Policies.View]);
        _auth.SetRoles(role);
    }

    private static string Fingerprint(string name) => AlertFingerprint.Of(Labels(name));

    private static Dictionary<string, string> Labels(string name) => name == "HighErrorRate"
        ? new() { ["alertname"] = name, ["severity"] = "critical", ["route"] = "/book \"now\"" }
        : new() { ["alertname"] = name, ["severity"] = name == "RedisConnectionFailure" ? "critical" : "warning" };

    private static InboxAlert Alert(string name, bool pending, DateTimeOffset since, params string[] silencedBy) => new(
        Fingerprint(name), name, Labels(name)["severity"], pending, since, Labels(name), "summary of " + name,
        "docs/runbooks/" + name + ".md", silencedBy);

    private static AlertInbox Inbox() => new(
        7, Now, AlertSourceStatus.Ok, null, AlertSourceStatus.Ok, null,
        [Alert("HighErrorRate", false, Now.AddMinutes(-20)), Alert("RedisConnectionFailure", false, Now.AddMinutes(-15), "s-1")],
        [Alert("HighCPUUsage", true, Now.AddMinutes(-1))],
        [new Silence("s-1", [SilenceMatcher.Exact("alertname", "RedisConnectionFailure")], Now.AddMinutes(-10), Now.AddMinutes(50), Now.AddMinutes(-10),
            "bob@barberpro.example", "failover drill", SilenceState.Active)],
        [new AlertTransition(Fingerprint("HighMemoryUsage"), "HighMemoryUsage", "warning", Labels("HighMemoryUsage"), new Dictionary<string, string>(),
            Now.AddHours(-3), AlertTransitionState.Resolved, "", Now.AddHours(-3).AddMinutes(65), TimeSpan.FromMinutes(65))],
        new OvernightCount(Now.AddHours(-15), Now, 3));

    /// <summary>Stand-in Alertmanager: records each request; answers a silence id, or refuses the connection when down.</summary>
    private sealed class RecordingAlertmanager : HttpMessageHandler
    {
        public List<(string Method, string Path, string Body)> Requests { get; } = [];

        public bool Down { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
            }

            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method.Method, request.RequestUri!.AbsolutePath, body));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"silenceID\":\"new-1\"}", Encoding.UTF8, "application/json") };
        }
    }
}
