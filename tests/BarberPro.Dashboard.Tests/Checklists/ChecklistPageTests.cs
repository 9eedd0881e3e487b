using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>The pages and the no-JavaScript form path, through the real sign-in, antiforgery and policies.</summary>
public sealed partial class ChecklistPageTests(ChecklistsFactory factory) : IClassFixture<ChecklistsFactory>
{
    private static readonly HtmlParser s_parser = new();

    [Fact]
    public async Task ChecklistPage_ShowsTodaysDailyAndThisWeeksWeeklyRun_WithDueTimesInArt()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var document = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists"));

        var runs = document.QuerySelectorAll("[data-checklist-run]");
        Assert.Equal(2, runs.Length);
        var daily = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        Assert.Equal(daily.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), runs[0].GetAttribute("data-run-id"));
        var text = document.Body!.TextContent;
        Assert.Contains("Morning Health Check", text, StringComparison.Ordinal);
        Assert.Contains("Due 09:00 ART", text, StringComparison.Ordinal);
        Assert.Contains("Throughout the day", text, StringComparison.Ordinal);
        Assert.Contains("Wednesday", text, StringComparison.Ordinal);
        Assert.Equal(32, document.QuerySelectorAll("[data-checklist-item]").Length);
    }

    [Fact]
    public async Task ChecklistPage_ForAViewer_HasNoTickForms()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var document = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists"));

        Assert.Empty(document.QuerySelectorAll("[data-tick-form]"));
        Assert.Equal(32, document.QuerySelectorAll("[data-tick-state]").Length);
    }

    [Fact]
    public async Task FormTick_ByAnOperator_RedirectsBackAndShowsWhoTickedInArt()
    {
        var email = $"op-{Guid.NewGuid():N}@test.local";
        using var browser = await factory.SignInAsync(email, await factory.CreateUserAsync(email, Roles.Operator));
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var item = FindItem(run, "daily.evening.capacity");

        var response = await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/{item.Key}/tick", item.Version, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/checklists#item-{run.Id}-daily.evening.capacity", response.Headers.Location!.OriginalString);
        var document = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists"));
        var li = document.GetElementById($"item-{run.Id}-daily.evening.capacity")!;
        Assert.Equal("true", li.GetAttribute("data-ticked"));
        var expectedTime = ArgentinaTime.FormatTime(factory.Clock.GetUtcNow());
        Assert.Equal($"Ticked by {email} at {expectedTime} ART", li.QuerySelector("[data-tick-info]")!.TextContent);
        Assert.EndsWith("/untick", li.QuerySelector("[data-tick-form]")!.GetAttribute("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefusedAndStoresNothing()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var before = (await factory.ChangesAsync(run.Id)).Count;

        var response = await browser.Http.PostAsync($"/checklists/runs/{run.Id}/items/daily.security.waf/tick",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Version"] = "0", ["IdempotencyKey"] = Guid.NewGuid().ToString() }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, (await factory.ChangesAsync(run.Id)).Count);
        Assert.False(FindItem(await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None), "daily.security.waf").Ticked);
    }

    [Fact]
    public async Task FormTick_ByAViewer_IsSentToTheDeniedPageAndStoresNothing()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);

        var response = await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/daily.security.ddos/tick", 0, Guid.NewGuid());

        // People get the app's "not allowed" page (the security feature's convention; API and hub callers get 403).
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.ChangesAsync(run.Id), c => c.ItemKey == "daily.security.ddos");
    }

    [Theory]
    [InlineData("/checklists/runs/abc/items/daily.morning.uptime/tick", "'abc' is not a run id")]
    [InlineData("/checklists/runs/{run}/items/Bad%20Key/tick", "The item key is malformed")]
    [InlineData("/checklists/runs/{run}/items/daily.morning.uptime/explode", "The action must be tick, untick or note")]
    [InlineData("/checklists/runs/999999/items/daily.morning.uptime/tick", "Run 999999 has no item")]
    public async Task FormPost_Malformed_Answers400WithAClearMessage(string path, string message)
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var before = (await factory.ChangesAsync(run.Id)).Count;

        var response = await PostChangeAsync(browser, path.Replace("{run}", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), 0, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = s_parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=checklist-error]");
        Assert.Contains(message, error!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, (await factory.ChangesAsync(run.Id)).Count);
    }

    [Fact]
    public async Task FormPost_WithAMalformedIdempotencyKey_Answers400AndStoresNothing()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/checklists");

        var response = await browser.Http.PostAsync($"/checklists/runs/{run.Id}/items/daily.morning.alerts/tick",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Version"] = "0",
                ["IdempotencyKey"] = "not-a-uuid",
            }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("idempotency key is missing or not a UUID", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormNote_OverTheLimit_Answers400WithTheLimitAndStoresNothing()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var item = FindItem(run, "daily.evening.incidents");

        var response = await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/{item.Key}/note", item.Version, Guid.NewGuid(),
            new string('x', 1001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The note has 1001 characters; the limit is 1000. Nothing was saved.",
            await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.ChangesAsync(run.Id), c => c.ItemKey == item.Key);
    }

    [Fact]
    public async Task FormNote_WithMarkup_IsStoredAndRenderedAsText()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var item = FindItem(run, "daily.security.alerts");
        const string note = "<script>alert(1)</script><img src=x onerror=alert(2)>";

        await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/{item.Key}/note", item.Version, Guid.NewGuid(), note);

        var html = await browser.Http.GetStringAsync("/checklists");
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var li = s_parser.ParseDocument(html).GetElementById($"item-{run.Id}-{item.Key}")!;
        Assert.Equal(note, li.QuerySelector("[data-note-text]")!.TextContent);
    }

    [Fact]
    public async Task FormTick_WithAStaleVersion_ShowsWhoChangedItMeanwhile()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        await factory.Store.ApplyAsync(new(run.Id, "daily.morning.security-scans", ChecklistChangeKind.Tick, 0, Guid.NewGuid()),
            new("x", "carla@test.local"), CancellationToken.None);

        var response = await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/daily.morning.security-scans/tick", 0, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/checklists?stale=", location, StringComparison.Ordinal);
        var html = await browser.Http.GetStringAsync(location.Split('#')[0]);
        var li = s_parser.ParseDocument(html).GetElementById($"item-{run.Id}-daily.morning.security-scans")!;
        Assert.Matches(new Regex("^carla@test.local ticked this at \\d\\d:\\d\\d ART meanwhile"), li.QuerySelector("[data-item-message]")!.TextContent);
        Assert.Single(await factory.ChangesAsync(run.Id), c => c.ItemKey == "daily.morning.security-scans");
    }

    [Fact]
    public async Task FormTick_PostedTwiceWithTheSameKey_AppliesOnce()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var key = Guid.NewGuid();

        var first = await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/daily.evening.stakeholders/tick", 0, key);
        var second = await PostChangeAsync(browser, $"/checklists/runs/{run.Id}/items/daily.evening.stakeholders/tick", 0, key);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        Assert.DoesNotContain("stale", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Single(await factory.ChangesAsync(run.Id), c => c.ItemKey == "daily.evening.stakeholders");
    }

    [Fact]
    public async Task HistoryPage_ListsRunsWithCompletionAndWhoDidWhat_AndLinksToEachRun()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        foreach (var key in new[] { "daily.morning.uptime", "daily.morning.backups", "daily.morning.overnight-alerts", "daily.morning.resource-trends", "daily.morning.security-scans" })
        {
            await factory.Store.ApplyAsync(new(run.Id, key, ChecklistChangeKind.Tick, 0, Guid.NewGuid()), new("d", "dora@test.local"), CancellationToken.None);
        }

        var document = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists/history"));
        var row = document.QuerySelector($"tr[data-run-id='{run.Id}']")!;

        Assert.Equal("25 %", row.QuerySelector("[data-completion]")!.TextContent);
        Assert.Contains("dora@test.local: 5 ticks, 5 changes", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/checklists/runs/{run.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        var runPage = s_parser.ParseDocument(await browser.Http.GetStringAsync($"/checklists/runs/{run.Id}"));
        Assert.Equal(5, runPage.QuerySelectorAll("[data-testid=run-changes] tbody tr").Length);
    }

    [Fact]
    public async Task RunPage_WithAMalformedId_Answers400()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var response = await browser.Http.GetAsync("/checklists/runs/12abc");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a run id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplatesPage_IsForManagersOnly()
    {
        using var viewer = await factory.SignInAsRoleAsync(Roles.Operator);
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var denied = await viewer.Http.GetAsync("/checklists/templates");
        var allowed = await manager.Http.GetAsync("/checklists/templates");

        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("daily.morning.uptime", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static ChecklistItemState FindItem(ChecklistRun run, string key) =>
        run.Sections.SelectMany(s => s.Items).Single(i => i.Key == key);

    private static async Task<HttpResponseMessage> PostChangeAsync(TestBrowser browser, string path, int version, Guid key, string? note = null)
    {
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/checklists");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["IdempotencyKey"] = key.ToString(),
            ["ReturnUrl"] = "/checklists",
        };
        if (note is not null)
        {
            fields["Note"] = note;
        }
        return await browser.Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }
}
