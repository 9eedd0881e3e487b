using System.Globalization;
using BarberPro.EndToEnd.Tests.Infrastructure;
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
        await Simulator.SetScenarioAsync("normal");
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TrafficSpike_ChangesRequestsAndPods_WithoutAReload()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await Expect(page.Locator("[data-live-connection]")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        var rps = page.Locator("[data-panel=throughput] [data-figure=rps] [data-value]");
        var desired = page.Locator("[data-panel=scaling] [data-figure=desired] [data-value]");
        await Expect(rps).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("rps$"));
        var podsBefore = await desired.InnerTextAsync();

        await Simulator.SetScenarioAsync("traffic-spike");

        await WaitUntilAsync(async () => Number(await rps.InnerTextAsync()) >= 9_500, TimeSpan.FromSeconds(30),
            async () => $"rps tile still shows {await rps.InnerTextAsync()}");
        await WaitUntilAsync(async () => await desired.InnerTextAsync() != podsBefore, TimeSpan.FromSeconds(150),
            async () => $"pods desired still {await desired.InnerTextAsync()}");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        await BrowserFixture.ScreenshotAsync(page, "overview-traffic-spike");
    }

    [Fact]
    public async Task DatabaseDown_ShowsPostgresDown_AndTheAlert()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        var postgres = page.Locator("[data-panel=dependencies] [data-figure=postgres] [data-value]");
        await Expect(postgres).ToHaveTextAsync("up");

        await Simulator.SetScenarioAsync("database-down");

        await Expect(postgres).ToHaveTextAsync("down", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-panel=dependencies] [data-figure=postgres]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("level-critical"));
        await Expect(page.Locator("[data-alert-list]")).ToContainTextAsync("DatabaseConnectionFailure", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "overview-database-down");
    }

    [Fact]
    public async Task PrometheusStopping_TurnsPanelsStale_KeepingValues_AndRestartingRecovers()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword);
        var panel = page.Locator("[data-panel=throughput]");
        var value = page.Locator("[data-panel=throughput] [data-figure=rps] [data-value]");
        await Expect(panel).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("panel-state-data"));
        try
        {
            await PrometheusControl.StopAsync();
            var stoppedAt = DateTime.UtcNow;

            // Two poll intervals (1 s each here) plus the panel timeout and the push: well within 10 s.
            await Expect(panel).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("panel-state-stale"), new() { Timeout = 10_000 });
            Assert.True(DateTime.UtcNow - stoppedAt < TimeSpan.FromSeconds(10));
            await Expect(page.Locator("[data-panel=throughput] [data-panel-status]")).ToContainTextAsync("stale since");
            var kept = await value.InnerTextAsync();
            Assert.EndsWith("rps", kept, StringComparison.Ordinal);
            Assert.True(Number(kept) > 0, $"a stale panel keeps its last value, not 0: {kept}");
            await BrowserFixture.ScreenshotAsync(page, "overview-prometheus-down");
        }
        finally
        {
            await PrometheusControl.StartAsync();
        }

        await Expect(panel).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("panel-state-data"), new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-panel=throughput] [data-panel-status]")).ToHaveTextAsync("live");
    }

    [Fact]
    public async Task WallMode_ShowsThePanels_WithoutNavigation()
    {
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword, "/wall");
        await Expect(page.Locator("[data-panel=availability]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("header.navbar").CountAsync());
        await Expect(page.Locator("[data-live-connection]")).ToHaveTextAsync("live");
        await BrowserFixture.ScreenshotAsync(page, "wall");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

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
