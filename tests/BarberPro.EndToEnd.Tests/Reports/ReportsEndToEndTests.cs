using System.Text.RegularExpressions;
using BarberPro.EndToEnd.Tests.Infrastructure;
using BarberPro.EndToEnd.Tests.Shell;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BarberPro.EndToEnd.Tests.Reports;

/// <summary>
/// The reports pages in a real Chromium against the real stack: a Manager generates today's report now and lands on
/// it (figures, the incident section and the four charts drawn from the stored series); a Viewer sees it in the list but no "Generate now";
/// axe finds no serious or critical violation on either page; neither scrolls sideways at 1920 or 390 px.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ReportsEndToEndTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    private DashboardServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await DashboardServer.StartAsync("reports");
        Step("dashboard started");
    }

    /// <summary>Says how long the test took to reach a step (its budget is 20 s in all).</summary>
    private void Step(string name) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {name}");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AManagerGeneratesNow_ThePageShowsFiguresAndCharts_AViewerSeesTheListWithoutGenerate()
    {
        var (manager, managerPassword) = await _server.CreateUserAsync("Manager");
        var page = await browser.SignedInPageAsync(_server, manager, managerPassword, "/reports");
        await ShellEndToEndTests.WaitForCircuitAsync(page);
        Step("manager signed in");

        await page.GetByTestId("generate-now").ClickAsync();

        await page.WaitForURLAsync(ReportUrl());
        await Expect(page.GetByTestId("report-title")).ToContainTextAsync("Performance report (on demand)");
        await Expect(page.Locator("[data-figure=availability] [data-testid=figure-value]")).ToHaveTextAsync(new Regex(@"^(\d+\.\d{3} %|no data)$"));
        await Expect(page.Locator("[data-report-chart]")).ToHaveCountAsync(4);
        // The incident section is stored with it: this stack has none, and says so rather than "not recorded".
        await Expect(page.GetByTestId("incidents-summary")).ToHaveTextAsync(new Regex(@"^\d+ opened, \d+ resolved in this period\. Mean time to resolve: "));
        Step("report generated and shown");
        // Each chart is drawn by ApexCharts from the stored series: an SVG with its y axis title in the chart's unit.
        foreach (var (chart, unit) in new[] { ("throughput", "requests/s"), ("latency", "ms"), ("errors", "% of requests"), ("pods", "pods") })
        {
            var card = page.Locator($"[data-report-chart={chart}]");
            await Expect(card.Locator("svg .apexcharts-yaxis-title")).ToHaveTextAsync(unit);
            await Expect(card.Locator("[data-chart-summary]")).ToContainTextAsync(new Regex("^(Highest|No data)"));
        }
        await Expect(page.Locator("[data-report-chart=errors] svg .apexcharts-yaxis-annotations")).ToContainTextAsync("HighErrorRate alert");
        Step("charts drawn");
        await page.SetViewportSizeAsync(1920, 1080);
        await AssertFitsAsync(page);
        await AssertNoSeriousViolationsAsync(page);
        Step("report page: fits, axe");
        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "All reports" }).ClickAsync();
        await Expect(page.Locator("[data-report-id]")).ToHaveCountAsync(1);
        await AssertFitsAsync(page);
        await page.SetViewportSizeAsync(1920, 1080);
        await AssertFitsAsync(page);
        await AssertNoSeriousViolationsAsync(page);
        Step("list: fits, axe");

        var (viewer, viewerPassword) = await _server.CreateUserAsync("Viewer");
        var list = await browser.SignedInPageAsync(_server, viewer, viewerPassword, "/reports");
        await ShellEndToEndTests.WaitForCircuitAsync(list);

        await Expect(list.Locator("[data-report-id] a")).ToHaveTextAsync(new Regex("^Performance report \\(on demand\\)"));
        Assert.Equal(0, await list.GetByTestId("generate-now").CountAsync());
        Step("viewer: the list without Generate now");
    }

    /// <summary>At the page's viewport width nothing scrolls sideways: not the page, not a table inside it.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        await page.WaitForFunctionAsync("""
            () => document.scrollingElement.scrollWidth <= window.innerWidth
                && [...document.querySelectorAll('.mud-table-container, .mud-simple-table')].every(e => e.scrollWidth <= e.clientWidth + 1)
            """, null, new() { Timeout = 5_000 });
    }

    /// <summary>Axe on the page's content (the shell around it has its own check in <see cref="AccessibilityTests"/>).</summary>
    private static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunContext { Include = [new AxeSelector(".mud-main-content")] });
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(result.Passes.Length > 0, "axe ran no rule");
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex(@"/reports/\d+$")]
    private static partial Regex ReportUrl();
}
