using BarberPro.EndToEnd.Tests.Infrastructure;
using BarberPro.EndToEnd.Tests.Shell;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.EndToEnd.Tests.Incidents;

/// <summary>
/// The incident pages in Chromium over a real circuit: an Operator+ opens one by hand, lands on its page, adds a note
/// that appears in the timeline; axe finds no serious or critical violation on the page. On the shell tests' server.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class IncidentPagesEndToEndTests(BrowserFixture browser, ShellEndToEndTests.ServerFixture fixture)
    : IClassFixture<ShellEndToEndTests.ServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task OpenByHand_AddANote_AndThePageHasNoSeriousAccessibilityViolation()
    {
        var title = "Slow bookings " + Guid.NewGuid().ToString("N")[..6];
        var page = await browser.SignedInPageAsync(fixture.Server, DashboardServer.AdminEmail, fixture.Server.AdminPassword, "/incidents");
        await Expect(page.Locator("[data-incidents-root][data-interactive=true]")).ToBeVisibleAsync();

        await page.FillAsync("[data-testid=incident-title]", title);
        await BrowserFixture.ChooseAsync(page, "incident-severity", "Warning");
        await BrowserFixture.ChooseAsync(page, "incident-lead", "Administrator");
        await page.ClickAsync("[data-testid=incident-open]");
        await page.WaitForURLAsync(url => url.Contains("/incidents/", StringComparison.Ordinal));
        await Expect(page.Locator("[data-title]")).ToHaveTextAsync(title);
        await Expect(page.Locator("[data-incident-root][data-interactive=true]")).ToBeVisibleAsync();
        await page.FillAsync("[data-testid=incident-note]", "Looking at the booking service's p95 by route.");
        await page.ClickAsync("[data-testid=incident-note-save]");

        await Expect(page.Locator("[data-entry=note] [data-note]")).ToHaveTextAsync("Looking at the booking service's p95 by route.");
        await Expect(page.Locator("[data-entry=note] strong")).ToHaveTextAsync("Administrator");
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunContext { Include = [new Deque.AxeCore.Commons.AxeSelector("[data-incident-root]")] });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(result.Passes.Length > 0, "axe ran no rule");
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
        if (Environment.GetEnvironmentVariable("BARBERPRO_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "incident.png"), FullPage = true });
            await page.GotoAsync("/incidents");
            await Expect(page.Locator("[data-incidents-root][data-interactive=true]")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "incidents.png"), FullPage = true });
            await page.GotoAsync("/");
            await Expect(page.Locator("[data-mttr-text]")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "overview.png") });
        }
    }
}
