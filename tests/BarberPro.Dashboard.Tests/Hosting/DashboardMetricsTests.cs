using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Hosting;

/// <summary>/metrics against the real Prometheus scraping the simulator (poll interval 1 s in tests).</summary>
public sealed class DashboardMetricsTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string HubConnections = "barberpro_dashboard_live_connections{kind=\"hub\"}";

    [Fact]
    public async Task Metrics_AreOpenToScrapers_InTextFormat_WithHttpLiveAndRuntimeSeries()
    {
        using var browser = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/health")).StatusCode);

        var (response, samples) = await ScrapeUntilAsync(browser.Http, s =>
            Value(s, "barberpro_dashboard_snapshots_broadcast_total") >= 2 && Value(s, "barberpro_dashboard_poll_duration_seconds_count") >= 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(Value(samples, "barberpro_dashboard_http_requests_received_total{code=\"200\",method=\"GET\",endpoint=\"/health\"}") >= 1);
        Assert.True(Value(samples, "barberpro_dashboard_http_request_duration_seconds_count{code=\"200\",method=\"GET\",endpoint=\"/health\"}") >= 1);
        // The GET /health above has finished: nothing in progress (the scrape's own request does not show in it).
        Assert.Equal(0, Value(samples, "barberpro_dashboard_http_requests_in_progress{method=\"GET\"}"));
        Assert.Equal(
            Value(samples, "barberpro_dashboard_poll_duration_seconds_count"),
            Value(samples, "barberpro_dashboard_poll_duration_seconds_bucket{le=\"+Inf\"}"));
        Assert.True(Value(samples, "barberpro_dashboard_poll_duration_seconds_sum") > 0);

        // A poll starts every second and gives up on a panel after another: seconds old, not the minutes an idle or
        // stuck poller would show (the margin is for a loaded CI machine).
        Assert.InRange(Value(samples, "barberpro_dashboard_snapshot_age_seconds"), 0, 10);
        Assert.Contains(HubConnections, samples.Keys);
        Assert.True(Value(samples, "process_cpu_seconds_total") > 0);
        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("barberpro_dashboard_live_viewers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_LiveConnections_CountTheHubsOpenSockets()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var hub = await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader);
        try
        {
            var (_, connected) = await ScrapeUntilAsync(browser.Http, s => Value(s, HubConnections) == 1);
            Assert.Equal(1, Value(connected, HubConnections));
        }
        finally
        {
            await hub.DisposeAsync();
        }

        var (_, closed) = await ScrapeUntilAsync(browser.Http, s => Value(s, HubConnections) == 0);
        Assert.Equal(0, Value(closed, HubConnections));
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the poller and socket events are asynchronous), at most 15 s.</summary>
    internal static async Task<(HttpResponseMessage Response, Dictionary<string, double> Samples)> ScrapeUntilAsync(
        HttpClient http, Func<Dictionary<string, double>, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await http.GetAsync("/metrics");
            var samples = Parse(await response.Content.ReadAsStringAsync());
            if (done(samples) || DateTimeOffset.UtcNow > deadline)
            {
                return (response, samples);
            }
            await Task.Delay(200);
        }
    }

    internal static double Value(Dictionary<string, double> samples, string series) =>
        samples.TryGetValue(series, out var value) ? value : double.NaN;

    internal static Dictionary<string, double> Parse(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (Key: l[..l.LastIndexOf(' ')], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Key, p => p.Value);
}

/// <summary>
/// <c>Security:MetricsRequireSignIn</c> set, and a Prometheus that refuses every connection: /metrics is an Admin's,
/// and it counts the dashboard's failed Prometheus calls.
/// </summary>
public sealed class LockedMetricsTests(LockedMetricsTests.Factory factory) : IClassFixture<LockedMetricsTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        private readonly int _closedPort = ClosedPort();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:MetricsRequireSignIn"] = "true",
            ["Prometheus:BaseUrl"] = $"http://127.0.0.1:{_closedPort}",
        };

        // A port that was free a moment ago: connections to it are refused at once.
        private static int ClosedPort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Viewer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Operator, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Manager, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Metrics_WhenSignInRequired_AreAnAdminsOnly(string? role, HttpStatusCode expected)
    {
        using var browser = role is null ? factory.CreateBrowser() : await factory.SignInAsRoleAsync(role);

        var response = await browser.Http.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("barberpro_dashboard_live_connections", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("barberpro_dashboard_", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_PrometheusRefusingConnections_CountsQueryErrorsByOperationAndKind()
    {
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        const string Query = "barberpro_dashboard_prometheus_query_errors_total{operation=\"query\",";

        var (_, samples) = await DashboardMetricsTests.ScrapeUntilAsync(admin.Http, s =>
            s.Where(p => p.Key.StartsWith(Query, StringComparison.Ordinal)).Sum(p => p.Value) >= 3);
        var errors = samples.Where(p => p.Key.StartsWith("barberpro_dashboard_prometheus_query_errors_total", StringComparison.Ordinal)).ToList();

        // Refused connections fail as unreachable; once the breaker opens, calls fail at once as circuit_open. (A
        // call the poller's panel timeout cancels during a retry delay is the panel's failure, not a query error.)
        Assert.True(errors.Where(p => p.Key.StartsWith(Query, StringComparison.Ordinal)).Sum(p => p.Value) >= 3, string.Join("\n", errors));
        Assert.All(errors, p => Assert.Matches("kind=\"(unreachable|circuit_open)\"", p.Key));
        Assert.True(DashboardMetricsTests.Value(samples, "barberpro_dashboard_panel_failures_total{panel=\"latency\"}") >= 1);
    }
}
