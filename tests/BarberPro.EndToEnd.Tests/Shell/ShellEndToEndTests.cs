using System.Text.RegularExpressions;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.EndToEnd.Tests.Shell;

/// <summary>The MudBlazor shell in a real Chromium against the real stack: circuits, the static pages, phones, themes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ShellEndToEndTests(BrowserFixture browser, ShellEndToEndTests.ServerFixture fixture)
    : IClassFixture<ShellEndToEndTests.ServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Each test's pages close with it (see <see cref="BrowserFixture.CloseContextsAsync"/>).</summary>
    public Task DisposeAsync() => browser.CloseContextsAsync();

    private readonly DashboardServer _server = fixture.Server;

    /// <summary>One dashboard for the class: each test signs in with its own browser context (and user, where it changes one).</summary>
    public sealed class ServerFixture : IAsyncLifetime
    {
        public DashboardServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await DashboardServer.StartAsync("shell");

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task Overview_StartsACircuit_AndTheAppBarsMenuButtonReacts()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        var overview = page.Locator("[data-testid=drawer] a", new() { HasText = "Overview" });
        await Expect(overview).ToBeInViewportAsync();

        // Only a live circuit can run the button's C# handler: statically rendered, the click changes nothing.
        await WaitForCircuitAsync(page);
        var button = page.Locator(MenuButton);
        await button.ClickAsync();

        // The click is the circuit's event, answered by a render: on a loaded machine, or the first event of a just
        // restarted server (the test before may have restarted it), that can take longer than Expect's default 5 s.
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false", new() { Timeout = CircuitEventTimeout });
        await Expect(overview).Not.ToBeInViewportAsync();
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true", new() { Timeout = CircuitEventTimeout });
        await Expect(overview).ToBeInViewportAsync();
        // The link of the page shown is marked.
        await Expect(overview).ToHaveAttributeAsync("aria-current", "page");

        // The drawer is fixed to the window; a column as tall as the whole page carries its background, so a full-page
        // screenshot (or a print) does not show it stopping short.
        var column = await page.EvaluateAsync<double[]>("""
            () => {
              const before = getComputedStyle(document.querySelector('.mud-layout'), '::before');
              const drawer = getComputedStyle(document.querySelector('[data-testid=drawer]'));
              return [parseFloat(before.height), document.scrollingElement.scrollHeight, window.innerHeight,
                      before.backgroundColor === drawer.backgroundColor ? 1 : 0];
            }
            """);
        Assert.True(column[1] > column[2], $"the overview is {column[1]} px tall in a {column[2]} px window");
        Assert.True(column[0] >= column[1] - 1, $"the drawer's column is {column[0]} px tall on a {column[1]} px page");
        Assert.Equal(1, column[3]);
    }

    [Fact]
    public async Task StaticPage_WithoutJavaScript_NavigatesChangesTheThemeAndSignsOut()
    {
        var page = await SignInAsync(DashboardServer.AdminEmail, _server.AdminPassword, javaScript: false);
        await page.GotoAsync("/costs");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Costs");
        Assert.Equal("false", await page.Locator(".mud-layout").GetAttributeAsync("data-interactive"));

        // The drawer's links are plain links.
        await page.Locator("[data-testid=drawer] a", new() { HasText = "Capacity" }).ClickAsync();
        await page.WaitForURLAsync("**/capacity");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Capacity");

        // The user menu is a <details> with form posts: the theme is saved and the page comes back in it.
        await page.ClickAsync("[data-testid=user-menu-button]");
        await page.ClickAsync("[data-testid=user-menu] button[data-theme-choice=dark]");
        await page.WaitForURLAsync("**/capacity");
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-theme", "dark");

        await page.ClickAsync("[data-testid=user-menu-button]");
        await page.ClickAsync("[data-testid=user-menu] [data-testid=sign-out]");
        await page.WaitForURLAsync("**/account/login");
        await page.GotoAsync("/costs");
        await page.WaitForURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fcosts$", RegexOptions.IgnoreCase));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/account/denied", false)]
    public async Task OnAPhone_TheDrawerIsClosed_AndTheMenuButtonOpensIt(string path, bool interactive)
    {
        var page = await SignInAsync(DashboardServer.AdminEmail, _server.AdminPassword, javaScript: true,
            new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync(path);
        if (interactive)
        {
            await WaitForCircuitAsync(page);
        }
        var capacity = page.Locator("[data-testid=drawer] a", new() { HasText = "Capacity" });
        await Expect(capacity).Not.ToBeInViewportAsync();

        await page.ClickAsync(MenuButton);

        await Expect(capacity).ToBeInViewportAsync(new() { Timeout = CircuitEventTimeout });
        // Open, it reaches the bottom of the screen.
        var gap = await page.EvaluateAsync<double>(
            "() => window.innerHeight - document.querySelector('[data-testid=drawer]').getBoundingClientRect().bottom");
        Assert.True(Math.Abs(gap) <= 1, $"the open drawer ends {gap} px above the screen's bottom");
        await BrowserFixture.ScreenshotAsync(page, interactive ? "shell-phone-drawer" : "shell-phone-drawer-static");
        if (!interactive)
        {
            await capacity.ClickAsync();
            await page.WaitForURLAsync("**/capacity");
        }
    }

    /// <summary>
    /// At 390 px the app bar holds the menu button, the status chip (icon and state word) and the user menu, all inside the
    /// screen, and nothing scrolls sideways; at 1440 px the page keeps a margin on its right.
    /// </summary>
    [Fact]
    public async Task TheShell_FitsAPhone_AndKeepsAMarginOnAWideScreen()
    {
        var page = await SignInAsync(DashboardServer.AdminEmail, _server.AdminPassword, javaScript: true,
            new ViewportSize { Width = 390, Height = 844 });
        await WaitForCircuitAsync(page);
        // The state in a word (no bare count while nothing fires).
        await Expect(page.Locator("[data-live-chip] [data-chip-state]")).ToBeVisibleAsync();

        var phone = await page.EvaluateAsync<double[]>("""
            () => {
              const box = s => document.querySelector(s).getBoundingClientRect();
              const menu = box('[data-testid=user-menu-button]'), chip = box('[data-live-chip]'), bar = box('.mud-appbar');
              return [document.scrollingElement.scrollWidth, window.innerWidth, menu.left, menu.right, menu.top, menu.bottom,
                      chip.right, bar.bottom];
            }
            """);
        await BrowserFixture.ScreenshotAsync(page, "shell-phone-app-bar");
        Assert.True(phone[3] - phone[2] >= 20, $"the user menu is {phone[3] - phone[2]} px wide");
        Assert.True(phone[0] <= phone[1], $"the page is {phone[0]} px wide in a {phone[1]} px screen");
        Assert.True(phone[2] >= 0 && phone[3] <= phone[1] && phone[4] >= 0 && phone[5] <= phone[7],
            $"user menu at x {phone[2]}–{phone[3]}, y {phone[4]}–{phone[5]}; screen {phone[1]} px, app bar ends at {phone[7]}");
        Assert.True(phone[6] <= phone[2], $"the chip ends at {phone[6]}, over the user menu at {phone[2]}");

        await page.SetViewportSizeAsync(1440, 900);
        var right = await page.EvaluateAsync<double>(
            "() => window.innerWidth - document.querySelector('[data-panel=availability]').getBoundingClientRect().right");
        Assert.True(right >= 16, $"the page's right margin is {right} px");
    }

    [Fact]
    public async Task ThemeChosenInTheCircuit_IsRememberedForTheUser_InAnotherBrowser()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await SignInAsync(email, password, javaScript: true, colorScheme: ColorScheme.Light);
        await WaitForCircuitAsync(page);
        var layout = page.Locator(".mud-layout");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "light");

        await page.ClickAsync("[data-testid=user-menu-button]");
        await page.ClickAsync("[data-theme-choice=dark]");
        await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
        await BrowserFixture.ScreenshotAsync(page, "shell-overview-dark");

        // Another browser (its own preference light): the choice comes from the server, already in the first HTML.
        var other = await SignInAsync(email, password, javaScript: false, colorScheme: ColorScheme.Light);
        await Expect(other.Locator(".mud-layout")).ToHaveAttributeAsync("data-theme", "dark");
    }

    [Fact]
    public async Task ByDefault_ThePageFollowsTheBrowsersPreference()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await SignInAsync(email, password, javaScript: true, colorScheme: ColorScheme.Dark);
        await WaitForCircuitAsync(page);
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-theme", "dark");
    }

    [Fact]
    public async Task AfterTheDashboardIsKilledAndRestarted_AnOpenPageComesBackByItself_WithANewerSnapshot()
    {
        var page = await SignInAsync(DashboardServer.AdminEmail, _server.AdminPassword, javaScript: true);
        await WaitForCircuitAsync(page);
        // Versions count from 1 in each process (and "generated" shows minutes only): after the restart the page must
        // show a snapshot of the new process, which was generated after the restart.
        var version = page.Locator("[data-live-version]");
        await Expect(version).Not.ToHaveTextAsync("0");
        await page.EvaluateAsync("() => { window.__beforeRestart = true; }");

        await _server.StopAsync();
        var modal = page.Locator("[data-testid=reconnect-modal]");
        await Expect(modal).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(modal).ToContainTextAsync("Reconnecting");
        var before = await version.InnerTextAsync();

        await _server.StartAsync();
        var restarted = DateTime.UtcNow;

        // The restarted server does not know the old circuit: the page reloads by itself into a new one.
        await page.WaitForFunctionAsync(
            "() => window.__beforeRestart === undefined && document.querySelector('.mud-layout')?.dataset.interactive === 'true'",
            null, new() { Timeout = 15_000, PollingInterval = 200 });
        await Expect(version).Not.ToHaveTextAsync(before, new() { Timeout = 15_000 });
        var took = DateTime.UtcNow - restarted;
        Assert.True(took < TimeSpan.FromSeconds(15), $"back after {took.TotalSeconds:0.0} s");
        await Expect(modal).Not.ToBeVisibleAsync();
        await page.ClickAsync(MenuButton);
        await Expect(page.Locator("[data-testid=drawer] a", new() { HasText = "Overview" })).Not.ToBeInViewportAsync(
            new() { Timeout = CircuitEventTimeout });
    }

    /// <summary>
    /// A page offline when its session ends (here: the Admin disables the user) cannot hear the server's redirect; once
    /// back online, its reconnect attempts are answered with the sign-in page instead of a connection. The reconnect
    /// script then asks for the page itself, sees the redirect, and reloads into the sign-in page. The circuit's socket is
    /// routed through Playwright so it can be cut (Chromium's offline mode keeps an open WebSocket open).
    /// </summary>
    [Fact]
    public async Task APageOfflineWhenItsSessionEnds_ReachesTheSignInPageOnceBackOnline()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            TimezoneId = "America/Argentina/Buenos_Aires",
        });
        context.SetDefaultTimeout(15_000);
        var sockets = new List<(IWebSocketRoute Page, IWebSocketRoute Server)>();
        await context.RouteWebSocketAsync(new Regex("/_blazor"), route =>
        {
            lock (sockets)
            {
                sockets.Add((route, route.ConnectToServer()));
            }
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(_server.BaseUrl + "/");
        await WaitForCircuitAsync(page);

        // Offline: no request leaves the browser, and the circuit's open socket is cut at both ends.
        await context.SetOfflineAsync(true);
        (IWebSocketRoute Page, IWebSocketRoute Server)[] open;
        lock (sockets)
        {
            open = [.. sockets];
        }
        foreach (var (toPage, toServer) in open)
        {
            await toServer.CloseAsync();
            await toPage.CloseAsync();
        }
        var modal = page.Locator("[data-testid=reconnect-modal]");
        await Expect(modal).ToContainTextAsync("Reconnecting");

        await _server.DisableAsAdminAsync(email);
        await context.SetOfflineAsync(false);

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 20_000 });
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
    }

    /// <summary>The layout says data-interactive="true" once it renders in a circuit (the prerender says false).</summary>
    internal static async Task WaitForCircuitAsync(IPage page) =>
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });

    private async Task<IPage> SignInAsync(string email, string password, bool javaScript, ViewportSize? viewport = null,
        ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _server.BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 1000 },
            TimezoneId = "America/Argentina/Buenos_Aires",
            JavaScriptEnabled = javaScript,
            ColorScheme = colorScheme,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(_server.BaseUrl + "/");
        return page;
    }

    /// <summary>How long a circuit event's render may take to show (see its use).</summary>
    private const float CircuitEventTimeout = 15_000;

    /// <summary>The menu button shown: in a circuit there is one per screen width (CSS shows one), without one a label.</summary>
    private const string MenuButton = "[data-testid=menu-button] >> visible=true";
}
