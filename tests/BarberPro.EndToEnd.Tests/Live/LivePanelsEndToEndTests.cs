using System.Globalization;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BarberPro.EndToEnd.Tests.Live;

/// <summary>
/// The live overview in a real Chromium, against the real stack: the simulator's scenario changes what Prometheus
/// scrapes, the dashboard's poller reads it and pushes it, and the page changes without a reload.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LivePanelsEndToEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("live");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await Simulator.SetScenarioAsync("normal");
        await _server.DisposeAsync();
    }

    [Fact]
    // The spike's effect on the scaling panel is read in its CPU figure, which follows the request rate at once; the
    // desired pods follow only after the HPA's 60 s scale-up stabilisation, which the simulator's own tests cover
    // (HorizontalPodAutoscalerTests) — waiting for it here cost a serial minute of the suite for no other check.
    public async Task TrafficSpike_ChangesRequestsAndTheScalingPanel_WithoutAReload()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-live-connection]")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        var rps = page.Locator("[data-panel=throughput] [data-figure=rps] [data-value]");
        var cpu = page.Locator("[data-panel=scaling] [data-figure=cpu] [data-value]");
        await Expect(rps).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("rps$"));
        // Before the spike the CPU follows the time of day's traffic (71 % was seen at 06:55 ART); the spike multiplies
        // the requests several times before the HPA adds pods, so the figure rises by half at least (and passes the 70 % target).
        var cpuBefore = Number(await cpu.InnerTextAsync());
        Assert.True(cpuBefore > 0, $"CPU vs request before the spike: {cpuBefore} %");

        await Simulator.SetScenarioAsync("traffic-spike");

        await WaitUntilAsync(async () => Number(await rps.InnerTextAsync()) >= 9_500, TimeSpan.FromSeconds(30),
            async () => $"rps tile still shows {await rps.InnerTextAsync()}");
        await WaitUntilAsync(async () => Number(await cpu.InnerTextAsync()) >= Math.Max(70, 1.5 * cpuBefore), TimeSpan.FromSeconds(30),
            async () => $"CPU vs request still {await cpu.InnerTextAsync()} (was {cpuBefore} %)");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        await BrowserFixture.ScreenshotAsync(page, "overview-traffic-spike");
    }

    [Fact]
    public async Task DatabaseDown_ShowsPostgresDown_AndTheAlert()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        var postgres = page.Locator("[data-panel=dependencies] [data-figure=postgres] [data-value]");
        await Expect(postgres).ToHaveTextAsync("up");
        await WaitForCircuitAsync(page);

        await Simulator.SetScenarioAsync("database-down");

        await Expect(postgres).ToHaveTextAsync("down", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-panel=dependencies] [data-figure=postgres]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("level-critical"));
        await Expect(page.Locator("[data-panel=dependencies] [data-figure=postgres] [data-figure-state]")).ToHaveTextAsync("Critical");
        await Expect(page.Locator("[data-banner-text]")).ToContainTextAsync("Down: ");
        await Expect(page.Locator("[data-banner-text]")).ToContainTextAsync("Dependencies (PostgreSQL");
        await Expect(page.Locator("[data-live-chip] [data-chip-state]")).ToHaveTextAsync("Down");
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^✖ Down · Overview · BarberPro Ops$"));
        await Expect(page.Locator("[data-alert-list]")).ToContainTextAsync("DatabaseConnectionFailure", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "overview-database-down");
    }

    [Fact]
    public async Task PrometheusStopping_TurnsPanelsStale_KeepingValues_AndRestartingRecovers()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        var panel = page.Locator("[data-panel=throughput]");
        var value = page.Locator("[data-panel=throughput] [data-figure=rps] [data-value]");
        await Expect(panel).ToHaveAttributeAsync("data-status", "data");
        await WaitForCircuitAsync(page);
        try
        {
            await PrometheusControl.StopAsync();
            var stoppedAt = DateTime.UtcNow;

            // Within poll (1 s here) + panel timeout + 5 s, pushed over the circuit without a reload.
            await Expect(panel).ToHaveAttributeAsync("data-status", "stale", new() { Timeout = 10_000 });
            Assert.True(DateTime.UtcNow - stoppedAt < TimeSpan.FromSeconds(10));
            await Expect(page.Locator("[data-panel=throughput] [data-panel-status]")).ToContainTextAsync("stale since");
            var kept = await value.InnerTextAsync();
            Assert.EndsWith("rps", kept, StringComparison.Ordinal);
            Assert.True(Number(kept) > 0, $"a stale panel keeps its last value, not 0: {kept}");
            // The severity it last had stays: a stale tile is never turned calm grey.
            Assert.NotEqual("unknown", await panel.GetAttributeAsync("data-level"));
            await BrowserFixture.ScreenshotAsync(page, "overview-prometheus-down");
        }
        finally
        {
            await PrometheusControl.StartAsync();
        }

        await Expect(panel).ToHaveAttributeAsync("data-status", "data", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-panel=throughput] [data-panel-status]")).ToHaveTextAsync("live");
    }

    [Fact]
    public async Task TheWall_Fits1920x1080_WithEveryPanelAndTheAlerts_AndFollowsAScenarioChange()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword, "/wall");
        await page.SetViewportSizeAsync(1920, 1080);
        await Expect(page.Locator("[data-panel=availability]")).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
        Assert.Equal(0, await page.Locator("a, nav, .mud-appbar").CountAsync());
        await Expect(page.Locator("[data-live-connection]")).ToHaveTextAsync("live");

        await Simulator.SetScenarioAsync("database-down");
        await Expect(page.Locator("[data-panel=dependencies] [data-figure=postgres] [data-value]")).ToHaveTextAsync("down", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-alert-list]")).ToContainTextAsync("DatabaseConnectionFailure", new() { Timeout = 30_000 });

        var fit = await WallFitAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "wall");
        Assert.True(fit.ScrollHeight <= fit.ClientHeight, $"the wall scrolls: {fit.ScrollHeight} px of content in a {fit.ClientHeight} px window");
        Assert.True(fit.Lowest <= 1080, $"a panel or an alert ends at {fit.Lowest} px, below the screen");
        Assert.Empty(fit.Overflowing);
        Assert.Empty(fit.Clipped);
        Assert.True(fit.Panels >= 9, $"{fit.Panels} panels on the wall");
    }

    /// <summary>
    /// Issue 10 item 6: the wall of a Spanish browser (Accept-Language es-AR, no stored choice) reads Spanish and its
    /// longer words still hold every panel on one 1920×1080 screen, nothing clipped or scrolling.
    /// </summary>
    [Fact]
    public async Task TheWall_InSpanish_Fits1920x1080()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword, "/wall", locale: "es-AR");
        await page.SetViewportSizeAsync(1920, 1080);
        await Expect(page.Locator("[data-panel=availability]")).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es-AR");
        await Expect(page.Locator("[data-live-connection]")).ToHaveTextAsync("en vivo");
        await Expect(page.Locator("[data-panel=availability] h2")).ToHaveTextAsync("Disponibilidad y SLO");

        var fit = await WallFitAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "wall-es-AR");
        Assert.True(fit.ScrollHeight <= fit.ClientHeight, $"the wall scrolls: {fit.ScrollHeight} px of content in a {fit.ClientHeight} px window");
        Assert.True(fit.Lowest <= 1080, $"a panel or an alert ends at {fit.Lowest} px, below the screen");
        Assert.Empty(fit.Overflowing);
        Assert.Empty(fit.Clipped);
        Assert.True(fit.Panels >= 9, $"{fit.Panels} panels on the wall");
    }

    /// <summary>Whether the wall holds on its screen: how tall it is, its lowest element, values too wide, rows clipped.</summary>
    private static Task<WallFit> WallFitAsync(IPage page) =>
        page.EvaluateAsync<WallFit>(@"() => {
            const root = document.scrollingElement;
            const bottoms = [...document.querySelectorAll('[data-panel], [data-panel] dl > div, [data-alert-list] li, [data-banner]')]
                .map(e => e.getBoundingClientRect().bottom);
            const clipped = [...document.querySelectorAll('[data-panel] dl > div, [data-alert-list] li')]
                .filter(e => e.getBoundingClientRect().bottom > e.closest('[data-panel]').getBoundingClientRect().bottom + 1)
                .map(e => e.textContent.trim().slice(0, 40));
            const overflowing = [...document.querySelectorAll('[data-value]')].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
            return { scrollHeight: root.scrollHeight, clientHeight: root.clientHeight, lowest: Math.max(...bottoms),
                     overflowing, clipped, panels: document.querySelectorAll('[data-panel]').length };
        }");

    private sealed class WallFit
    {
        public double ScrollHeight { get; set; }

        public double ClientHeight { get; set; }

        public double Lowest { get; set; }

        public string[] Overflowing { get; set; } = [];

        public string[] Clipped { get; set; } = [];

        public int Panels { get; set; }
    }

    [Fact]
    public async Task TheOverviewAndTheWall_HaveNoSeriousOrCriticalAccessibilityViolation()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        await Expect(page.Locator("[data-panel=availability]")).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
        // The whole page, the app bar's user menu included (its activator is one button now, nothing nested in it).
        var overview = await page.RunAxe();
        await page.GotoAsync("/wall");
        await Expect(page.Locator("[data-panel=availability]")).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);
        var wall = await page.RunAxe();

        string[] Serious(Deque.AxeCore.Commons.AxeResult result) => result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id}: {v.Help} ({string.Join(" | ", v.Nodes.Take(4).Select(n => n.Target + " " + n.Html))})").ToArray();
        Assert.True(Serious(overview).Length == 0, "overview: " + string.Join("\n", Serious(overview)));
        Assert.True(Serious(wall).Length == 0, "wall: " + string.Join("\n", Serious(wall)));
    }

    /// <summary>The live root says data-interactive="true" once it renders in a circuit (the prerender says false).</summary>
    private static async Task WaitForCircuitAsync(IPage page) =>
        await Expect(page.Locator("[data-live-root]")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 20_000 });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static double Number(string display)
    {
        var digits = new string(display.TakeWhile(c => char.IsDigit(c) || c is ',' or '.').ToArray()).Replace(",", "", StringComparison.Ordinal);
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(500);
        }
        Assert.Fail($"Not within {timeout.TotalSeconds:0} s: {await describe()}");
    }
}
