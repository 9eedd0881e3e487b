using BarberPro.Core.Security;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BarberPro.EndToEnd.Tests.Checklists;

/// <summary>
/// Two real Chromium pages on the real dashboard (its own process on a real port, the stack's PostgreSQL): ticks
/// travel through the checklist hub and PostgreSQL NOTIFY to the other page without a reload, and survive a restart of
/// the dashboard process.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChecklistLiveTests(BrowserFixture browser) : IAsyncLifetime
{
    /// <summary>SPEC.md: ticks appear in every other open browser within a second.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions s_withinASecond = new() { Timeout = 1_000 };

    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("checklists");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TickInOnePage_AppearsInTheOtherWithoutReload_AndSoDoesTheUntick()
    {
        var first = await OpenChecklistsAsync();
        var second = await OpenChecklistsAsync();
        await MarkAsNotReloadedAsync(first);
        await MarkAsNotReloadedAsync(second);
        var inFirst = DailyItem(first, "daily.morning.uptime");
        var inSecond = DailyItem(second, "daily.morning.uptime");
        await Assertions.Expect(inSecond).ToHaveAttributeAsync("data-ticked", "false");

        await inFirst.Locator("[data-tick-button]").ClickAsync();

        await Assertions.Expect(inSecond).ToHaveAttributeAsync("data-ticked", "true", s_withinASecond);
        await Assertions.Expect(inSecond.Locator("[data-tick-info]")).ToContainTextAsync("Ticked by ");
        await Assertions.Expect(inSecond.Locator("[data-tick-button]")).ToHaveTextAsync("Untick");

        await inSecond.Locator("[data-tick-button]").ClickAsync();

        await Assertions.Expect(inFirst).ToHaveAttributeAsync("data-ticked", "false", s_withinASecond);
        await Assertions.Expect(inFirst.Locator("[data-tick-info]")).ToHaveTextAsync("");
        await Assertions.Expect(inFirst.Locator("[data-tick-button]")).ToHaveTextAsync("Tick");
        Assert.True(await IsStillTheSameDocumentAsync(first), "the first page reloaded");
        Assert.True(await IsStillTheSameDocumentAsync(second), "the second page reloaded");
        await BrowserFixture.ScreenshotAsync(first, "checklists-live");
    }

    [Fact]
    public async Task NoteInOnePage_AppearsInTheOtherAsText()
    {
        var first = await OpenChecklistsAsync();
        var second = await OpenChecklistsAsync();
        const string note = "<b>disk</b> at 71 %";
        var inFirst = DailyItem(first, "daily.evening.incidents");

        await inFirst.Locator("summary").ClickAsync();
        await inFirst.Locator("[data-note-input]").FillAsync(note);
        await inFirst.Locator("[data-note-form] button").ClickAsync();

        var inSecond = DailyItem(second, "daily.evening.incidents");
        await Assertions.Expect(inSecond.Locator("[data-note-text]")).ToHaveTextAsync(note, new() { Timeout = 1_000 });
        Assert.Equal(0, await inSecond.Locator("[data-note-text] b").CountAsync());
    }

    [Fact]
    public async Task Tick_SurvivesARestartOfTheDashboard()
    {
        var page = await OpenChecklistsAsync();
        var item = DailyItem(page, "daily.morning.backups");
        await item.Locator("[data-tick-button]").ClickAsync();
        // The page shows the tick only once the hub answered, i.e. after the commit.
        await Assertions.Expect(item).ToHaveAttributeAsync("data-ticked", "true");

        await _server.RestartAsync();

        // The open page reconnects by itself...
        await Assertions.Expect(page.Locator("[data-checklist-connection]"))
            .ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Assertions.Expect(item).ToHaveAttributeAsync("data-ticked", "true");
        // ...and a fresh load, served by the new process from the database, shows the tick and who made it.
        await page.ReloadAsync();
        var reloaded = DailyItem(page, "daily.morning.backups");
        await Assertions.Expect(reloaded).ToHaveAttributeAsync("data-ticked", "true");
        await Assertions.Expect(reloaded.Locator("[data-tick-info]")).ToContainTextAsync("Ticked by ");
    }

    private async Task<IPage> OpenChecklistsAsync()
    {
        var (email, password) = await _server.CreateUserAsync(Roles.Operator);
        var page = await browser.SignedInPageAsync(_server, email, password, "/checklists");
        await Assertions.Expect(page.Locator("[data-checklist-connection]"))
            .ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 15_000 });
        return page;
    }

    /// <summary>The item in the first run on the page (today's daily run).</summary>
    private static ILocator DailyItem(IPage page, string key) =>
        page.Locator("[data-checklist-run]").First.Locator($"[data-checklist-item][data-item-key='{key}']");

    private static Task MarkAsNotReloadedAsync(IPage page) => page.EvaluateAsync("() => { window.checklistTestMark = 42; }");

    private static async Task<bool> IsStillTheSameDocumentAsync(IPage page) =>
        await page.EvaluateAsync<int?>("() => window.checklistTestMark ?? null") == 42;
}
