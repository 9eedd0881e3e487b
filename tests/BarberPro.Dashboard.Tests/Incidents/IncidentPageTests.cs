using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Alerts;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Incidents;

/// <summary>The incident pages over real circuits' components (bUnit) on a real migrated database: reading as a Viewer, writing as an Operator, a Viewer's writes refused on the server.</summary>
public sealed class IncidentPageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = IncidentComponentContext.Now;

    /// <summary>What a Viewer's circuit is told when it writes anyway (English: the tests' culture).</summary>
    private const string DeniedText = "Incidents can be opened and written by Operators and above.";

    private readonly IncidentDatabase _db = new();
    private IncidentComponentContext _context = null!;
    private long _id;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _context = new IncidentComponentContext(_db.DataSource);
        _id = (await _db.Store.OpenAsync(new NewIncident("Checkout failing", "critical", IncidentDatabase.VicId), IncidentDatabase.Ana, Now.AddMinutes(-20), default))!.Value;
        await _db.Store.AddNoteAsync(_id, "Looking at the 5xx by route.", IncidentDatabase.Vic, Now.AddMinutes(-18), default);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public void AViewer_ReadsTheTimeline_WithAuthorsAndArgentinaTimes_AndSeesNoWriteControls()
    {
        _context.SetRole(Roles.Viewer);

        var page = RenderIncident();

        Assert.Equal("Checkout failing", page.Find("[data-title]").TextContent);
        Assert.Equal("✖ Critical", page.Find("[data-severity]").TextContent.Trim());
        Assert.Equal("● Open for 20 min", page.Find("[data-status=open]").TextContent.Trim());
        Assert.Equal(IncidentDatabase.VicName, page.Find("[data-lead]").TextContent);
        var entries = page.FindAll("[data-entry]");
        Assert.Equal(["opened", "note"], entries.Select(e => e.GetAttribute("data-entry")));
        Assert.Contains("Mon 30 Nov 08:40 ART", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains($"Opened by {IncidentDatabase.AnaName}", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(IncidentDatabase.VicName, entries[1].QuerySelector("strong")!.TextContent);
        Assert.Equal("Looking at the 5xx by route.", entries[1].QuerySelector("[data-note]")!.TextContent);
        Assert.Empty(page.FindAll("[data-section=note-form]"));
        Assert.Empty(page.FindAll("[data-section=resolve-form]"));
    }

    [Fact]
    public async Task AViewersCircuitSendingTheWritesAnyway_IsRefused_NothingIsWritten_AndTheRefusalIsAudited()
    {
        _context.SetRole(Roles.Viewer);
        var page = RenderIncident();
        var commands = _context.Services.GetRequiredService<IncidentCommands>();

        await page.InvokeAsync(() => page.Instance.AddNoteAsync());
        page.Render();
        Assert.Equal(DeniedText, page.Find("[data-action-message]").TextContent);
        await page.InvokeAsync(() => page.Instance.ResolveAsync());
        await page.InvokeAsync(() => page.Instance.ReopenAsync());
        var byHand = await commands.OpenAsync("Fake", "critical", IncidentDatabase.VicId, default);
        var note = await commands.AddNoteAsync(_id, "sneaky", default);
        var resolve = await commands.ResolveAsync(_id, "sneaky", null, default);

        Assert.All([byHand, note, resolve], r => Assert.Equal((false, true, DeniedText), (r.Saved, r.Denied, r.Message)));
        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM dashboard.incident_timeline"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM dashboard.incidents WHERE status = 'open'"));
        Assert.Equal(6, await _db.ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'denied' AND actor = $1 AND subject = $2",
            IncidentDatabase.Ana, $"component action ({IncidentPolicies.Write})"));
    }

    [Fact]
    public async Task AnOperator_AddsANote_ResolvesWithAPostMortemLink_AndReopens_EachAudited()
    {
        _context.SetRole(Roles.Operator);
        var page = RenderIncident();

        page.Find("[data-testid=incident-note]").Change("Rolled back release 1.42.");
        await page.Find("[data-testid=incident-note-save]").ClickAsync(new());
        page.Find("[data-testid=incident-summary]").Change("A bad release; rolled back.");
        page.Find("[data-testid=incident-postmortem]").Change("https://wiki.example/pm/2026-11-30");
        await page.Find("[data-testid=incident-resolve]").ClickAsync(new());

        Assert.Equal("Incident resolved.", page.Find("[data-action-message]").TextContent);
        Assert.Equal("✔ Resolved in 20 min", page.Find("[data-status=resolved]").TextContent.Trim());
        Assert.Equal("https://wiki.example/pm/2026-11-30", page.Find("a[data-postmortem]").GetAttribute("href"));
        Assert.Equal(["opened", "note", "note", "resolved"], page.FindAll("[data-entry]").Select(e => e.GetAttribute("data-entry")));
        Assert.Equal(IncidentDatabase.AnaName, page.FindAll("[data-entry=note]")[1].QuerySelector("strong")!.TextContent);

        await page.Find("[data-testid=incident-reopen]").ClickAsync(new());
        Assert.Equal("Incident reopened.", page.Find("[data-action-message]").TextContent);
        Assert.Equal("open", page.Find("[data-status]").GetAttribute("data-status"));
        Assert.Equal(["incident-noted", "incident-resolved", "incident-reopened"], await AuditKindsAsync());
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'incident-resolved' AND actor = $1 AND subject = $2 AND detail = $3",
            IncidentDatabase.Ana, $"incident {_id}", "post-mortem https://wiki.example/pm/2026-11-30"));
    }

    [Fact]
    public async Task ABadPostMortemLink_IsRefusedBesideTheField_AndWhatWasTypedStays()
    {
        _context.SetRole(Roles.Operator);
        var page = RenderIncident();

        page.Find("[data-testid=incident-summary]").Change("Fixed.");
        page.Find("[data-testid=incident-postmortem]").Change("javascript:alert(1)");
        await page.Find("[data-testid=incident-resolve]").ClickAsync(new());

        Assert.Equal("A post-mortem link is a full web address starting with http:// or https://.", page.Find("[data-field-error=postmortem]").TextContent);
        Assert.Equal("javascript:alert(1)", page.Find("[data-testid=incident-postmortem]").GetAttribute("value"));
        Assert.Equal("Fixed.", page.Find("[data-testid=incident-summary]").GetAttribute("value"));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM dashboard.incidents WHERE status = 'open'"));
        Assert.Empty(await AuditKindsAsync());
    }

    [Fact]
    public async Task TheList_ShowsOpenFirst_ThenResolvedWithTheirDuration_AndAnOperatorOpensOneByHand()
    {
        var past = (await _db.Store.OpenAsync(new NewIncident("Redis failover", "warning", IncidentDatabase.AnaId), IncidentDatabase.Ana, Now.AddHours(-5), default))!.Value;
        await _db.Store.ResolveAsync(past, "Failed over.", null, IncidentDatabase.Ana, Now.AddHours(-5).AddMinutes(6), default);
        _context.SetRole(Roles.Operator);
        var page = RenderList();

        Assert.Equal([$"{_id}", $"{past}"], page.FindAll("[data-incident]").Select(e => e.GetAttribute("data-incident")));
        Assert.Equal("open for 20 min", page.Find("[data-status=open] [data-open-for]").TextContent);
        Assert.Equal("resolved in 6 min", page.Find("[data-status=resolved] [data-duration]").TextContent);
        Assert.Single(page.FindAll("[data-status=resolved] [data-postmortem-due]"));

        await page.Find("[data-testid=incident-open]").ClickAsync(new());
        Assert.Equal("Give the incident a title.", page.Find("[data-field-error=title]").TextContent);
        Assert.Equal("Choose a severity.", page.Find("[data-field-error=severity]").TextContent);
        page.Find("[data-testid=incident-title]").Change("Slow bookings in Córdoba");
        await page.ChooseAsync("incident-severity", "warning");
        await page.ChooseAsync("incident-lead", IncidentDatabase.VicId);
        await page.Find("[data-testid=incident-open]").ClickAsync(new());

        var opened = await _db.ScalarAsync("SELECT id FROM dashboard.incidents WHERE title = 'Slow bookings in Córdoba' AND lead_user_id = $1 AND severity = 'warning'", IncidentDatabase.VicId);
        Assert.EndsWith($"/incidents/{opened}", _context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.Equal(["incident-opened"], await AuditKindsAsync());
    }

    [Fact]
    public void AViewer_SeesTheListButNoFormToOpenOne()
    {
        _context.SetRole(Roles.Viewer);

        var page = RenderList();

        Assert.Single(page.FindAll("[data-incident]"));
        Assert.Empty(page.FindAll("[data-section=open-form]"));
    }

    [Fact]
    public async Task OneClickOnAFiringAlert_OpensALinkedIncident_PrefilledFromTheAlert_AndGoesToIt()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["severity"] = "critical", ["route"] = "/book" };
        var alert = new InboxAlert(AlertFingerprint.Of(labels), "HighErrorRate", "critical", false, Now.AddMinutes(-4), labels,
            "5xx above 1 % for 1 min", "docs/runbooks/HighErrorRate.md", []);
        _context.Services.GetRequiredService<AlertInboxStore>().Publish(AlertInbox.Empty with
        {
            Version = 1, AsOf = Now, Alertmanager = AlertSourceStatus.Ok, Prometheus = AlertSourceStatus.Ok, Firing = [alert],
        });
        _context.SetRole(Roles.Operator);
        var inbox = _context.Render<AlertsPage>();

        await inbox.Find("[data-alert=HighErrorRate] [data-testid=open-incident]").ClickAsync(new());

        var id = await _db.ScalarAsync("SELECT max(id) FROM dashboard.incidents");
        Assert.EndsWith($"/incidents/{id}", _context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        var detail = (await _db.Store.GetAsync(id, default))!;
        Assert.Equal(("HighErrorRate: 5xx above 1 % for 1 min", "critical", IncidentDatabase.AnaName, IncidentDatabase.AnaName),
            (detail.Incident.Title, detail.Incident.Severity, detail.Incident.LeadName, detail.Incident.OpenedBy));
        Assert.Equal(new IncidentAlert(alert.Fingerprint, "HighErrorRate", Now.AddMinutes(-4)), Assert.Single(detail.Alerts));
        Assert.Equal(1, await _db.ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'incident-opened' AND actor = $1 AND subject = $2",
            IncidentDatabase.Ana, $"incident {id}"));
    }

    [Fact]
    public async Task OpeningAgainFromAnAlertWithAnOpenIncident_OpensNothing_AndTheInboxShowsThatIncident()
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "RedisDown", ["severity"] = "critical" };
        var alert = new InboxAlert(AlertFingerprint.Of(labels), "RedisDown", "critical", false, Now.AddMinutes(-2), labels, "", "", []);
        _context.Services.GetRequiredService<AlertInboxStore>().Publish(AlertInbox.Empty with
        {
            Version = 1, AsOf = Now, Alertmanager = AlertSourceStatus.Ok, Prometheus = AlertSourceStatus.Ok, Firing = [alert],
        });
        _context.SetRole(Roles.Operator);
        var commands = _context.Services.GetRequiredService<IncidentCommands>();

        var first = await commands.OpenFromAlertAsync(alert, default);
        var again = await commands.OpenFromAlertAsync(alert, default);

        Assert.Equal((true, false, first.Id), (first.Saved, again.Saved, again.Id));
        Assert.Equal($"Incident #{first.Id} is already open for this alert.", again.Message);
        Assert.Equal(2, await _db.ScalarAsync("SELECT count(*) FROM dashboard.incidents"));
        var inbox = _context.Render<AlertsPage>();
        Assert.Equal($"Incident #{first.Id}", inbox.Find("[data-alert=RedisDown] [data-testid=alert-incident]").TextContent.Trim());
        Assert.Empty(inbox.FindAll("[data-testid=open-incident]"));
    }

    /// <summary>
    /// A Spanish (Argentina) reader: the timeline's rows recorded by the dashboard (stored as a kind and values: the
    /// alert's name, the pods) read in Spanish; what people typed (the title, the note) stays as typed.
    /// </summary>
    [Fact]
    public async Task InSpanish_TheIncidentAndItsTimelineReadSpanish_PeoplesWordsStayAsTyped()
    {
        await _db.ScalarAsync("INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body) VALUES ($1, $2, 'alert-firing', NULL, 'HighErrorRate') RETURNING id",
            _id, Now.AddMinutes(-10));
        await _db.ScalarAsync("INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body) VALUES ($1, $2, 'scale', NULL, '3→5') RETURNING id",
            _id, Now.AddMinutes(-9));
        using var culture = CultureScope.Use("es-AR");
        _context.SetRole(Roles.Operator);

        var page = RenderIncident();

        Assert.Equal("● Abierto hace 20 min", page.Find("[data-status=open]").TextContent.Trim());
        var entries = page.FindAll("[data-entry]");
        Assert.Equal(["opened", "note", "alert-firing", "scale"], entries.Select(e => e.GetAttribute("data-entry")));
        Assert.Contains($"lun 30 nov 08:40 ART", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Contains($"Abierto por {IncidentDatabase.AnaName}", entries[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Looking at the 5xx by route.", entries[1].QuerySelector("[data-note]")!.TextContent);
        Assert.Equal("🔔 Alerta HighErrorRate disparando", Spaces(entries[2].QuerySelector(".what")!.TextContent));
        Assert.Equal("registrado por el dashboard", entries[2].QuerySelector("[data-recorded]")!.TextContent);
        Assert.Equal("⇅ Autoscaler: pods deseados 3 → 5", Spaces(entries[3].QuerySelector(".what")!.TextContent));
        var root = page.Find("[data-incident-root]").Clone(true) as AngleSharp.Dom.IElement;
        foreach (var typed in root!.QuerySelectorAll("[data-title], [data-note], [data-lead], strong").ToList())
        {
            typed.Remove();
        }

        Assert.Equal([], EnglishWords.In(root.TextContent));

        await page.Find("[data-testid=incident-note-save]").ClickAsync(new());
        Assert.Equal("Primero escribí la nota.", page.Find("[data-field-error=note]").TextContent);
    }

    [Fact]
    public async Task InSpanish_TheListAndItsFormReadSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        _context.SetRole(Roles.Operator);
        var page = RenderList();

        Assert.Equal("Incidentes", page.Find("h1").TextContent);
        Assert.Equal("abierto hace 20 min", page.Find("[data-status=open] [data-open-for]").TextContent);
        await page.Find("[data-testid=incident-open]").ClickAsync(new());
        Assert.Equal("Poné un título al incidente.", page.Find("[data-field-error=title]").TextContent);
        Assert.Equal("Elegí una severidad.", page.Find("[data-field-error=severity]").TextContent);
        var root = page.Find("[data-incidents-root]").Clone(true) as AngleSharp.Dom.IElement;
        foreach (var typed in root!.QuerySelectorAll("[data-title]").ToList())
        {
            typed.Remove();
        }

        Assert.Equal([], EnglishWords.In(root.TextContent));
    }

    private static string Spaces(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>The page reads the database in OnParametersSetAsync: wait for what it read to be rendered.</summary>
    private IRenderedComponent<IncidentPage> RenderIncident()
    {
        var page = _context.Render<IncidentPage>(p => p.Add(x => x.Id, _id));
        page.WaitForElement("[data-title]");
        return page;
    }

    private IRenderedComponent<IncidentsPage> RenderList()
    {
        var page = _context.Render<IncidentsPage>();
        page.WaitForElement("[data-incident]");
        return page;
    }

    private async Task<List<string>> AuditKindsAsync()
    {
        await using var command = _db.DataSource.CreateCommand("SELECT kind FROM dashboard.security_audit WHERE kind LIKE 'incident-%' ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var kinds = new List<string>();
        while (await reader.ReadAsync())
        {
            kinds.Add(reader.GetString(0));
        }

        return kinds;
    }
}
