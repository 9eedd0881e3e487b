using System.Text.RegularExpressions;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.EndToEnd.Tests.Shell;

/// <summary>The MudBlazor shell in a real Chromium against the real stack: circuits, reconnection, accessibility.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ShellEndToEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("shell");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Overview_StartsACircuit_AndTheAppBarsMenuButtonReacts()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        var drawer = page.Locator(".mud-drawer");
        await Expect(drawer).ToHaveClassAsync(DrawerOpen());

        // Only a live circuit can run the button's C# handler: statically rendered, the click changes nothing.
        await WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=menu-button]");

        await Expect(drawer).Not.ToHaveClassAsync(DrawerOpen());
        await page.ClickAsync("[data-testid=menu-button]");
        await Expect(drawer).ToHaveClassAsync(DrawerOpen());
    }

    /// <summary>The layout says data-interactive="true" once it renders in a circuit (the prerender says false).</summary>
    internal static async Task WaitForCircuitAsync(IPage page) =>
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true");

    [GeneratedRegex(@"\bmud-drawer--open\b")]
    private static partial Regex DrawerOpen();
}
