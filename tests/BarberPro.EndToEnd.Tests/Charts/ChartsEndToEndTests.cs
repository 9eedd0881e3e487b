using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BarberPro.EndToEnd.Tests.Infrastructure;
using BarberPro.EndToEnd.Tests.Shell;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.EndToEnd.Tests.Charts;

/// <summary>The overview's charts in a real Chromium over a real circuit: ApexCharts served by the dashboard draws what
/// the server shaped, from the real Prometheus behind the shared series cache; a maintenance window planned on the
/// stack's real Alertmanager appears as a band on the open page.</summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class ChartsEndToEndTests(BrowserFixture browser, Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] s_charts = ["throughput", "latency", "errors", "pods"];

    private DashboardServer _server = null!;

    private static string AlertmanagerUrl => Stack.Require("BARBERPRO_ALERTMANAGER_URL");

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("charts", settings: new Dictionary<string, string>
    {
        ["Alertmanager__BaseUrl"] = AlertmanagerUrl,
        ["Alerts__PollInterval"] = "00:00:01",
    });

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

        // A maintenance window planned now on the real Alertmanager (as amtool or the inbox would) becomes a band on the
        // open page within one alert poll (1 s) and the next snapshot (1 s), without a reload; it is expired afterwards.
        var comment = $"Database upgrade {Guid.NewGuid():N}"[..26];
        var planned = Stopwatch.StartNew();
        var silence = await PlanWindowAsync(comment);
        try
        {
            var latency = page.Locator("[data-apex-chart=latency]");
            await Expect(latency.Locator(".apexcharts-xaxis-annotation-label", new() { HasTextString = "Maintenance: " + comment }))
                .ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(latency).ToHaveAttributeAsync("aria-describedby", "chart-marks-latency");
            await Expect(page.Locator("#chart-marks-latency")).ToHaveTextAsync(new Regex("^Marked on the chart: .*Maintenance: " + comment + " \\d\\d:\\d\\d–\\d\\d:\\d\\d ART"));
            await Expect(page.Locator("[data-apex-chart=pods] .apexcharts-xaxis-annotation-label", new() { HasTextString = "Maintenance: " + comment }))
                .ToHaveCountAsync(1);
            output.WriteLine($"the window's band appeared {planned.Elapsed.TotalSeconds:0.0} s after it was planned");
            await page.Locator("[data-chart-card=latency]").ScreenshotAsync(new()
            {
                Path = Path.Combine(Stack.RepoRoot, "TestResults", "screenshots", "overview-chart-window-band.png"),
                Animations = ScreenshotAnimations.Disabled,
            });
        }
        finally
        {
            await ExpireAsync(silence);
        }

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

    /// <summary>A window from a minute ago to an hour from now, for an alert that never fires; returns the silence's id.</summary>
    private static async Task<string> PlanWindowAsync(string comment)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var now = DateTimeOffset.UtcNow;
        var body = JsonSerializer.Serialize(new
        {
            matchers = new[] { new { name = "alertname", value = "ChartsEndToEndNeverFires", isRegex = false, isEqual = true } },
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddHours(1),
            createdBy = "e2e",
            comment,
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"{AlertmanagerUrl}/api/v2/silences", content);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("silenceID").GetString()!;
    }

    private static async Task ExpireAsync(string id)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.DeleteAsync($"{AlertmanagerUrl}/api/v2/silence/{id}");
        response.EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"M\s*[\d.]+")]
    private static partial Regex NonEmptyPath();

    [GeneratedRegex(@"^\d{2} [A-Z][a-z]{2}")]
    private static partial Regex DayLabel();
}
