using System.Text.RegularExpressions;
using BarberPro.EndToEnd.Tests.Infrastructure;
using BarberPro.EndToEnd.Tests.Shell;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.EndToEnd.Tests.Charts;

/// <summary>The overview's charts in a real Chromium over a real circuit: ApexCharts served by the dashboard draws what
/// the server shaped, from the real Prometheus behind the shared series cache.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ChartsEndToEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] s_charts = ["throughput", "latency", "errors", "pods"];

    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("charts");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task TheOverview_DrawsEveryChart_TheSevenDayRangeRenders_AndAnAdminReadsAQuery()
    {
        var (email, password) = await _server.CreateUserAsync("Viewer");
        var page = await browser.SignedInPageAsync(_server, email, password);
        await ShellEndToEndTests.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-chart-grid]")).ToHaveAttributeAsync("data-range", "1h");

        // The last hour: every chart draws its lines from the stack's Prometheus (it scrapes every second).
        foreach (var chart in s_charts)
        {
            var line = page.Locator($"[data-chart-card={chart}] svg path.apexcharts-line").First;
            await Expect(line).ToHaveAttributeAsync("d", NonEmptyPath(), new() { Timeout = 30_000 });
            await Expect(page.Locator($"[data-chart-card={chart}] [data-chart-note][data-state=error]")).ToHaveCountAsync(0);
        }

        // A Viewer is not offered the PromQL.
        await Expect(page.Locator("[data-testid=show-promql]")).ToHaveCountAsync(0);

        // Seven days: the stack has minutes of history, so the lines are mostly gaps, but the axis spans the week,
        // labelled by day, and no card reports a failed query.
        await page.GotoAsync("/?range=7d");
        await ShellEndToEndTests.WaitForCircuitAsync(page);
        await Expect(page.Locator("[data-chart-grid]")).ToHaveAttributeAsync("data-range", "7d");
        foreach (var chart in s_charts)
        {
            await Expect(page.Locator($"[data-chart-card={chart}] .apexcharts-xaxis-label").First).ToHaveTextAsync(DayLabel(), new() { Timeout = 30_000 });
            await Expect(page.Locator($"[data-chart-card={chart}] [data-chart-note][data-state=error]")).ToHaveCountAsync(0);
        }

        await BrowserFixture.ScreenshotAsync(page, "overview-charts-7d");

        // An Admin (one server for both checks: starting one costs more than the checks) reads the query behind a chart.
        var admin = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword, "/?range=6h");
        await ShellEndToEndTests.WaitForCircuitAsync(admin);
        await admin.ClickAsync("[data-chart-card=errors] [data-testid=show-promql]");
        await Expect(admin.Locator("[data-chart-card=errors] [data-promql] code")).ToContainTextAsync("code=~\"5..\"");
    }

    [GeneratedRegex(@"M\s*[\d.]+")]
    private static partial Regex NonEmptyPath();

    [GeneratedRegex(@"^\d{2} [A-Z][a-z]{2}")]
    private static partial Regex DayLabel();
}
