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

    private static async Task AssertNoSeriousViolationsAsync(IPage page, AxeRunContext? context = null)
    {
        var result = context is null ? await page.RunAxe() : await page.RunAxe(context);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(result.Passes.Length > 0, "axe ran no rule");
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }
}
