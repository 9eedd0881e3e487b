using BarberPro.EndToEnd.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BarberPro.EndToEnd.Tests.Shell;

/// <summary>Axe (Deque's axe-core) on the sign-in page, the users page and a page in the shell: no serious or critical violation.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ShellEndToEndTests.ServerFixture fixture)
    : IClassFixture<ShellEndToEndTests.ServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Each test's pages close with it (see <see cref="BrowserFixture.CloseContextsAsync"/>).</summary>
    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task SignInPage_HasNoSeriousOrCriticalViolation()
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>
    /// The users page (Admin) in its circuit, with one user's panel (role, password, sessions) open; then at 390 px.
    /// </summary>
    [Fact]
    public async Task UsersPage_HasNoSeriousOrCriticalViolation()
    {
        var page = await browser.SignedInPageAsync(fixture.Server, DashboardServer.AdminEmail, fixture.Server.AdminPassword, "/admin/users");
        await Assertions.Expect(page.Locator("[data-users-root]")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await page.ClickAsync($"[data-manage='{DashboardServer.AdminEmail}']");
        await Assertions.Expect(page.Locator("[data-testid=manage] [data-session]")).Not.ToHaveCountAsync(0);

        await AssertNoSeriousViolationsAsync(page);

        // On a phone the page does not scroll sideways: the grid scrolls inside its own box.
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth");
    }

    /// <summary>
    /// The shell (app bar, drawer, user menu) around /bookings. Only the shell is checked here: the bookings page's own
    /// content has its own checks.
    /// </summary>
    [Fact]
    public async Task TheShellAroundAStaticPage_HasNoSeriousOrCriticalViolation()
    {
        var page = await browser.SignedInPageAsync(fixture.Server, DashboardServer.AdminEmail, fixture.Server.AdminPassword, "/bookings");
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=user-menu-button]");

        await AssertNoSeriousViolationsAsync(page, new AxeRunContext
        {
            Include = [new AxeSelector(".mud-appbar"), new AxeSelector(".mud-drawer")],
        });
    }

    /// <summary>
    /// Issue 10 item 6: a user switches to Español in the user menu; after the reload (a circuit keeps the culture it
    /// started with) the drawer and the checklists page read Spanish, with no English word of the shell left behind,
    /// and axe finds no serious or critical violation on the Spanish page. Its own user: the choice is stored.
    /// </summary>
    [Fact]
    public async Task SwitchingToSpanish_ReloadsThePageInSpanish_AndItHasNoSeriousOrCriticalViolation()
    {
        var (email, password) = await fixture.Server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(fixture.Server, email, password, "/checklists");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        // The choice is a plain form post, but the circuit's first render replaces the prerendered menu (closing it):
        // open the menu once the circuit is there.
        await ShellEndToEndTests.WaitForCircuitAsync(page);

        await page.ClickAsync("[data-testid=user-menu-button]");
        await page.ClickAsync("[data-language-choice=es-AR]");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-AR");
        Assert.EndsWith("/checklists", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=nav-menu]")).ToContainTextAsync("Listas de control");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Listas de control de operaciones");
        await ShellEndToEndTests.WaitForCircuitAsync(page);
        var shell = await page.Locator(".mud-appbar").InnerTextAsync() + " " + await page.Locator(".mud-drawer").InnerTextAsync()
            + " " + await page.Locator(".checklist-header").InnerTextAsync();
        Assert.DoesNotMatch(@"\b(Overview|Checklists|Bookings|Reports|Today|History|Sign out|Theme|Language)\b", shell);

        await AssertNoSeriousViolationsAsync(page);
    }

    private static async Task AssertNoSeriousViolationsAsync(IPage page, AxeRunContext? context = null)
    {
        var result = context is null ? await page.RunAxe() : await page.RunAxe(context);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(result.Passes.Length > 0, "axe ran no rule");
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }
}
