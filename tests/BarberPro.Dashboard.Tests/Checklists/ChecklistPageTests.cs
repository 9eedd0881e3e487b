using System.Net;
using AngleSharp.Html.Parser;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>The checklist pages as their first (prerendered) response, through the real sign-in and policies.</summary>
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
    public async Task ChecklistPage_ForAViewer_HasNoTickOrNoteControls()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var document = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists"));

        Assert.Empty(document.QuerySelectorAll("[data-tick-button]"));
        Assert.Empty(document.QuerySelectorAll("[data-note-toggle]"));
        Assert.Equal(32, document.QuerySelectorAll("[data-tick-state]").Length);
    }

    [Fact]
    public async Task ChecklistPage_ShowsANoteWithMarkupAsText()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var item = FindItem(run, "daily.security.alerts");
        const string note = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        await factory.Store.ApplyAsync(new(run.Id, item.Key, ChecklistChangeKind.Note, item.Version, Guid.NewGuid(), note),
            new("e", "Eva"), CancellationToken.None);

        var html = await browser.Http.GetStringAsync("/checklists");

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        var li = s_parser.ParseDocument(html).GetElementById($"item-{run.Id}-{item.Key}")!;
        Assert.Equal(note, li.QuerySelector("[data-note-text]")!.TextContent);
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
        Assert.Equal(5, runPage.QuerySelectorAll("[data-testid=run-changes] li").Length);
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
}
