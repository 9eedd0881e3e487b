using System.Diagnostics;
using BarberPro.Core.Security;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BarberPro.EndToEnd.Tests.Checklists;

/// <summary>
/// Two real Chromium pages on the real dashboard (its own process on a real port, the stack's PostgreSQL): ticks and
/// notes made in one page's circuit travel through PostgreSQL NOTIFY to the other page without a reload, each page lists
/// the other's user as present, and a tick survives a restart of the dashboard process.
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
    public async Task TickInOnePage_AppearsInTheOtherWithoutReload_WithWhoIsPresent_AndNothingScrollsSideways()
    {
        var (first, firstName) = await OpenChecklistsAsync();
        var (second, secondName) = await OpenChecklistsAsync();
        await MarkAsNotReloadedAsync(first);
        await MarkAsNotReloadedAsync(second);
        var inFirst = DailyItem(first, "daily.morning.uptime");
        var inSecond = DailyItem(second, "daily.morning.uptime");
        await Assertions.Expect(inSecond).ToHaveAttributeAsync("data-ticked", "false");
        await Assertions.Expect(DailyRun(first).Locator($"[data-viewer='{secondName}']")).ToHaveCountAsync(1);
        await Assertions.Expect(DailyRun(second).Locator($"[data-viewer='{firstName}']")).ToHaveCountAsync(1);

        var clicked = Stopwatch.StartNew();
        await inFirst.Locator("input[data-tick-button]").ClickAsync();

        await Assertions.Expect(inSecond).ToHaveAttributeAsync("data-ticked", "true", s_withinTheBound);
        var tickLatency = clicked.Elapsed;
        await Assertions.Expect(inSecond.Locator("[data-tick-info]")).ToContainTextAsync($"Ticked by {firstName} at ");
        await Assertions.Expect(inFirst).ToHaveAttributeAsync("data-status", "saved");
        await Assertions.Expect(inFirst.Locator("[data-item-status]")).ToContainTextAsync("Saved");

        // From the keyboard: Space on the focused checkbox unticks.
        clicked.Restart();
        await inSecond.Locator("input[data-tick-button]").FocusAsync();
        await second.Keyboard.PressAsync("Space");

        await Assertions.Expect(inFirst).ToHaveAttributeAsync("data-ticked", "false", s_withinTheBound);
        var untickLatency = clicked.Elapsed;
        output.WriteLine($"click to other page: tick {tickLatency.TotalMilliseconds:0} ms, untick {untickLatency.TotalMilliseconds:0} ms (bound {s_propagationBound.TotalSeconds:0} s; target 1 s)");
        Assert.InRange(tickLatency, TimeSpan.Zero, s_propagationBound);
        Assert.InRange(untickLatency, TimeSpan.Zero, s_propagationBound);
        await Assertions.Expect(inFirst.Locator("[data-tick-info]")).ToHaveTextAsync("");
        await Assertions.Expect(inFirst.Locator("[data-changed-info]")).ToContainTextAsync($"{secondName} unticked this at ");
        Assert.True(await IsStillTheSameDocumentAsync(first), "the first page reloaded");
        Assert.True(await IsStillTheSameDocumentAsync(second), "the second page reloaded");
        await BrowserFixture.ScreenshotAsync(first, "checklists-live");

        foreach (var width in new[] { 1440, 390 })
        {
            await first.SetViewportSizeAsync(width, 900);
            // Empty when nothing reaches past the viewport; else the first elements that do, for the failure message.
            var overflow = await first.EvaluateAsync<string>("""
                () => {
                    const width = document.documentElement.clientWidth;
                    if (document.documentElement.scrollWidth <= width) return "";
                    return [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 1)
                        .slice(0, 8).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`).join(" | ");
                }
                """);
            Assert.True(overflow.Length == 0, $"the checklists page scrolls sideways at {width} px: {overflow}");
        }
    }

    [Fact]
    public async Task NoteTypedWithTheKeyboardInOnePage_AppearsInTheOtherAsText()
    {
        var (first, _) = await OpenChecklistsAsync();
        var (second, _) = await OpenChecklistsAsync();
        const string note = "<b>disk</b> at 71 %";
        var inFirst = DailyItem(first, "daily.evening.stakeholders");

        // Tab from the checkbox reaches the note button; Enter opens the field (focused), Enter saves. An item without
        // evidence: an evidence figure with a link (e.g. open incidents) is a tab stop of its own in between.
        await inFirst.Locator("input[data-tick-button]").FocusAsync();
        await first.Keyboard.PressAsync("Tab");
        await Assertions.Expect(inFirst.Locator("[data-note-toggle]")).ToBeFocusedAsync();
        await first.Keyboard.PressAsync("Enter");
        await Assertions.Expect(inFirst.Locator("input[data-note-input]")).ToBeFocusedAsync();
        await first.Keyboard.TypeAsync(note);
        await first.Keyboard.PressAsync("Enter");

        await Assertions.Expect(inFirst).ToHaveAttributeAsync("data-status", "saved");
        var inSecond = DailyItem(second, "daily.evening.stakeholders");
        await Assertions.Expect(inSecond.Locator("[data-note-text]")).ToHaveTextAsync(note, new() { Timeout = (float)s_propagationBound.TotalMilliseconds });
        Assert.Equal(0, await inSecond.Locator("[data-note-text] b").CountAsync());
    }

    [Fact]
    public async Task Tick_SurvivesARestartOfTheDashboard()
    {
        var (page, name) = await OpenChecklistsAsync();
        var item = DailyItem(page, "daily.morning.backups");
        await item.Locator("input[data-tick-button]").ClickAsync();
        // The page shows the tick as committed only once the store answered, i.e. after the commit.
        await Assertions.Expect(item).ToHaveAttributeAsync("data-ticked", "true");

        await _server.RestartAsync();

        // The open page's circuit is gone with the old process: the page reloads by itself (the reconnect modal's
        // "rejected"), and the new process serves the tick from the database, with who made it.
        await Assertions.Expect(DailyRun(page)).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        var reloaded = DailyItem(page, "daily.morning.backups");
        await Assertions.Expect(reloaded).ToHaveAttributeAsync("data-ticked", "true");
        await Assertions.Expect(reloaded.Locator("[data-tick-info]")).ToContainTextAsync($"Ticked by {name} at ");
    }

    private async Task<(IPage Page, string Name)> OpenChecklistsAsync()
    {
        var (email, password) = await _server.CreateUserAsync(Roles.Operator);
        var page = await browser.SignedInPageAsync(_server, email, password, "/checklists");
        await Assertions.Expect(DailyRun(page)).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(DailyRun(page).Locator("[data-checklist-connection]")).ToHaveAttributeAsync("data-state", "connected");
        return (page, $"{Roles.Operator} {email[..6]}");
    }

    /// <summary>Today's daily run (the first run on the page).</summary>
    private static ILocator DailyRun(IPage page) => page.Locator("[data-checklist-run]").First;

    private static ILocator DailyItem(IPage page, string key) =>
        DailyRun(page).Locator($"[data-checklist-item][data-item-key='{key}']");

    private static Task MarkAsNotReloadedAsync(IPage page) => page.EvaluateAsync("() => { window.checklistTestMark = 42; }");

    private static async Task<bool> IsStillTheSameDocumentAsync(IPage page) =>
        await page.EvaluateAsync<int?>("() => window.checklistTestMark ?? null") == 42;
}
