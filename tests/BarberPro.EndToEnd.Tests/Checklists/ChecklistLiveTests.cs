using System.Diagnostics;
using BarberPro.Core.Security;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BarberPro.EndToEnd.Tests.Checklists;

/// <summary>
/// Two real Chromium pages on the real dashboard (its own process on a real port, the stack's PostgreSQL): ticks
/// travel through the checklist hub and PostgreSQL NOTIFY to the other page without a reload, and survive a restart of
/// the dashboard process.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChecklistLiveTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>
    /// SPEC.md wants a tick in every other open browser within a second; that target is a product figure, not a test
    /// timeout a busy 2-core CI machine could miss. The test records the latency it saw and holds a bound CI can keep.
    /// </summary>
    private static readonly TimeSpan s_propagationBound = TimeSpan.FromSeconds(5);

    private static readonly LocatorAssertionsToHaveAttributeOptions s_withinTheBound = new() { Timeout = (float)s_propagationBound.TotalMilliseconds };

    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("checklists");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

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

        var clicked = Stopwatch.StartNew();
        await inFirst.Locator("[data-tick-button]").ClickAsync();

        await Assertions.Expect(inSecond).ToHaveAttributeAsync("data-ticked", "true", s_withinTheBound);
        var tickLatency = clicked.Elapsed;
        await Assertions.Expect(inSecond.Locator("[data-tick-info]")).ToContainTextAsync("Ticked by ");
        await Assertions.Expect(inSecond.Locator("[data-tick-button]")).ToHaveTextAsync("Untick");

        clicked.Restart();
        await inSecond.Locator("[data-tick-button]").ClickAsync();

        await Assertions.Expect(inFirst).ToHaveAttributeAsync("data-ticked", "false", s_withinTheBound);
        var untickLatency = clicked.Elapsed;
        output.WriteLine($"click to other page: tick {tickLatency.TotalMilliseconds:0} ms, untick {untickLatency.TotalMilliseconds:0} ms (bound {s_propagationBound.TotalSeconds:0} s; target 1 s)");
        Assert.InRange(tickLatency, TimeSpan.Zero, s_propagationBound);
        Assert.InRange(untickLatency, TimeSpan.Zero, s_propagationBound);
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
        await Assertions.Expect(inSecond.Locator("[data-note-text]")).ToHaveTextAsync(note, new() { Timeout = (float)s_propagationBound.TotalMilliseconds });
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
