using System.Diagnostics;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.EndToEnd.Tests.Security;

/// <summary>
/// An open page follows its session in a real Chromium over a real circuit: an Admin's change reaches it through
/// PostgreSQL NOTIFY and the circuit's authentication state, with no reload and no request from that page.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CircuitSessionEndToEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan s_target = TimeSpan.FromSeconds(2);
    private DashboardServer _server = null!;

    /// <summary>
    /// The layout says data-interactive="true" once its circuit runs. Up to 30 s: a first circuit of a just-started
    /// server on a loaded 2-core machine took longer than Playwright's default 5 s; the 2 s measured below start after it.
    /// </summary>
    private static async Task WaitForCircuitAsync(IPage page) =>
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("circuitauth");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnOpenPageOfAUserTheAdminDisables_IsSentToTheSignInPageWithin2s()
    {
        var (email, password) = await _server.CreateUserAsync("Operator");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);

        var signIn = SignInWatch.Start(page);
        await _server.DisableAsAdminAsync(email);
        var delay = await signIn.DelayAfterNowAsync(_server);

        Console.WriteLine($"e2e: page of a disabled user at the sign-in page {delay.TotalMilliseconds:F0} ms after the Admin's change");
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Issue 10's "End session" on the users page, clicked in the Admin's own browser: the other browser's open page
    /// reaches sign-in within 2 s of the click (the circuit event, the write, its NOTIFY and that page's redirect).
    /// </summary>
    [Fact]
    public async Task AnAdminEndingASessionOnTheUsersPage_SendsThatBrowsersPageToTheSignInPageWithin2s()
    {
        var (email, password) = await _server.CreateUserAsync("Operator");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);
        var admin = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword, "/admin/users");
        await Expect(admin.Locator("[data-users-root]")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await admin.ClickAsync($"[data-manage='{email}']");
        var endSession = admin.Locator("[data-testid=manage] [data-testid=end-session]");
        await Expect(endSession).ToHaveCountAsync(1);

        var signIn = SignInWatch.Start(page);
        await endSession.ClickAsync();
        var delay = await signIn.DelayAfterNowAsync(_server);

        Console.WriteLine($"e2e: page of a session an Admin ended on the users page at the sign-in page {delay.TotalMilliseconds:F0} ms after the click");
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        await Expect(page.Locator("#email")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-testid=manage] [data-testid=session-message]")).ToContainTextAsync("has ended");
        await Expect(admin.Locator("[data-testid=manage] [data-testid=no-sessions]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnOpenPageOfAUserWhosePasswordTheAdminResets_IsSentToTheSignInPageWithin2s()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);

        var signIn = SignInWatch.Start(page);
        await _server.ResetPasswordAsAdminAsync(email, "pw-" + Guid.NewGuid().ToString("N"));
        var delay = await signIn.DelayAfterNowAsync(_server);

        Console.WriteLine($"e2e: page of a user whose password was reset at the sign-in page {delay.TotalMilliseconds:F0} ms after the Admin's change");
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        // The return address is the page the user was on.
        Assert.Contains("returnUrl=%2F", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOutInAnotherTab_SendsTheOpenPageOfThatSessionToTheSignInPageWithin2s()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);

        // Same browser context, so the same cookie and session; the menu signs out with a form post. The other tab's
        // page is interactive too: its menu is opened once its circuit has rendered (the first render replaces the
        // prerendered markup, which would close a menu opened before it).
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync("/checklists");
        await WaitForCircuitAsync(other);
        await other.ClickAsync("[data-testid=user-menu-button]");
        var signIn = SignInWatch.Start(page);
        await other.ClickAsync("[data-testid=sign-out]");
        await other.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit });
        var delay = await signIn.DelayAfterNowAsync(_server);

        Console.WriteLine($"e2e: open page of a session signed out in another tab at the sign-in page {delay.TotalMilliseconds:F0} ms after the sign-out");
        Assert.InRange(delay, TimeSpan.Zero, s_target);
    }

    /// <summary>
    /// Waits (10 s at most) until nothing matches <paramref name="selector"/>, checked in the page on every animation
    /// frame: Playwright's Expect polls at up to 1 s apart, which added up to a second to the measured delay.
    /// </summary>
    private static async Task GoneAsync(IPage page, string selector) =>
        await page.WaitForFunctionAsync("selector => document.querySelectorAll(selector).length === 0", selector,
            new() { Timeout = 10_000 });

    /// <summary>
    /// Notes when the page's main frame commits a navigation to the sign-in page. Started before the change, so a
    /// navigation that lands while the change's answer is still on its way is not missed (waiting for the URL after
    /// the answer raced such an early navigation and timed out on a page already at sign-in).
    /// </summary>
    private sealed class SignInWatch
    {
        private readonly TaskCompletionSource<long> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly IPage _page;

        private SignInWatch(IPage page)
        {
            _page = page;
            page.FrameNavigated += (_, frame) =>
            {
                if (frame == page.MainFrame && frame.Url.Contains("/account/login", StringComparison.Ordinal))
                {
                    _reached.TrySetResult(Stopwatch.GetTimestamp());
                }
            };
        }

        public static SignInWatch Start(IPage page) => new(page);

        /// <summary>How long after now (the change was answered) the page reached sign-in; zero if it already had.</summary>
        public async Task<TimeSpan> DelayAfterNowAsync(DashboardServer server)
        {
            var answered = Stopwatch.GetTimestamp();
            try
            {
                var reached = await _reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
                return reached <= answered ? TimeSpan.Zero : Stopwatch.GetElapsedTime(answered, reached);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"The page stayed at {_page.Url}. Dashboard log:\n{server.Log}", ex);
            }
        }
    }

    [Fact]
    public async Task AnOpenPageOfAManagerDemotedToViewer_LosesTheManagerLinksWithin2s()
    {
        var (email, password) = await _server.CreateUserAsync("Manager");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);
        var managerLinks = page.Locator("[data-testid=nav-menu] a[href='/costs'], [data-testid=nav-menu] a[href='/capacity']");
        await Expect(managerLinks).ToHaveCountAsync(2);

        await _server.ChangeRoleAsAdminAsync(email, "Viewer");
        var clock = Stopwatch.StartNew();
        await GoneAsync(page, "[data-testid=nav-menu] a[href='/costs'], [data-testid=nav-menu] a[href='/capacity']");

        Console.WriteLine($"e2e: Manager links gone {clock.ElapsedMilliseconds} ms after the Admin's role change");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, s_target);
        // Same page, same circuit: no reload happened.
        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator(".mud-layout")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("[data-testid=nav-menu] a[href='/checklists']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnOpenOverviewOfAnOperatorDemotedToViewer_LosesTheShowQueryControlWithin2s()
    {
        var (email, password) = await _server.CreateUserAsync("Operator");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);
        var showQuery = page.Locator("[data-testid=show-promql]");
        await Expect(showQuery).ToHaveCountAsync(4, new() { Timeout = 15_000 });

        await _server.ChangeRoleAsAdminAsync(email, "Viewer");
        var clock = Stopwatch.StartNew();
        await GoneAsync(page, "[data-testid=show-promql]");

        Console.WriteLine($"e2e: Operator's show-query controls gone {clock.ElapsedMilliseconds} ms after the Admin's role change");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, s_target);
        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("[data-chart-card]")).ToHaveCountAsync(4);
    }
}
