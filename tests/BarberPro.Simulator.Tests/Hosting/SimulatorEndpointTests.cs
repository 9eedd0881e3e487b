using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BarberPro.Simulator.Cluster;
using BarberPro.Simulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Simulator.Tests.Hosting;

public sealed class SimulatorEndpointTests : IClassFixture<SimulatorAppFactory>
{
    private static readonly string[] s_metricNames =
    [
        "http_request_duration_seconds_bucket", "http_request_duration_seconds_sum", "http_request_duration_seconds_count",
        "http_requests_total", "kube_deployment_status_replicas", "kube_deployment_spec_replicas",
        "kube_horizontalpodautoscaler_spec_min_replicas", "kube_horizontalpodautoscaler_spec_max_replicas",
        "kube_horizontalpodautoscaler_status_current_replicas", "kube_horizontalpodautoscaler_status_desired_replicas",
        "container_cpu_usage_seconds_total", "container_memory_usage_bytes", "container_spec_memory_limit_bytes",
        "pg_up", "redis_up", "probe_duration_seconds",
    ];

    private readonly SimulatorAppFactory _factory;

    public SimulatorEndpointTests(SimulatorAppFactory factory) => _factory = factory;

    private async Task<string> ScrapeAfterAsync(TimeSpan simulated)
    {
        var service = _factory.Services.GetRequiredService<ClusterSimulationService>();
        for (var t = TimeSpan.Zero; t < simulated; t += TimeSpan.FromSeconds(5))
        {
            _factory.Clock.Advance(TimeSpan.FromSeconds(5));
            service.Tick();
        }

        using var client = _factory.CreateClient();
        return await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    [Fact]
    public async Task Health_Get_AnswersOk()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_Get_ServesEveryMetricThePanelsQueryWithTheContractLabels()
    {
        await ScrapeAfterAsync(TimeSpan.FromMinutes(1));
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var names = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('{', ' ')[0]).ToHashSet();
        Assert.All(s_metricNames, n => Assert.Contains(n, names));
        Assert.Contains("http_requests_total{code=\"200\",method=\"GET\"} ", text, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{code=\"200\",method=\"GET\",le=\"0.1\"} ", text, StringComparison.Ordinal);
        Assert.Contains("kube_deployment_spec_replicas{deployment=\"barberpro-backend\",namespace=\"barberpro-production\"} ", text, StringComparison.Ordinal);
        Assert.Contains("kube_horizontalpodautoscaler_spec_min_replicas{horizontalpodautoscaler=\"barberpro-backend-hpa\",namespace=\"barberpro-production\"} 5", text, StringComparison.Ordinal);
        Assert.Contains("kube_horizontalpodautoscaler_spec_max_replicas{horizontalpodautoscaler=\"barberpro-backend-hpa\",namespace=\"barberpro-production\"} 50", text, StringComparison.Ordinal);
        Assert.Contains("container_cpu_usage_seconds_total{container=\"barberpro-api\",namespace=\"barberpro-production\",pod=\"barberpro-backend-", text, StringComparison.Ordinal);
        foreach (var city in new[] { "Buenos Aires", "Córdoba", "Rosario", "Mendoza" })
        {
            Assert.Contains($"probe_duration_seconds{{city=\"{city}\"}} ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_Output_IsAcceptedByPromtoolCheckMetrics()
    {
        var text = await ScrapeAfterAsync(TimeSpan.FromMinutes(2));

        var (exitCode, output) = await Promtool.RunAsync(text, "check", "metrics");

        Assert.True(exitCode == 0, $"promtool check metrics failed:\n{output}");
    }

    [Fact]
    public async Task Metrics_TwoScrapes_CountersDoNotDecrease()
    {
        var first = Parse(await ScrapeAfterAsync(TimeSpan.FromSeconds(30)));
        var second = Parse(await ScrapeAfterAsync(TimeSpan.FromSeconds(30)));

        var counters = first.Keys.Where(k => k.StartsWith("http_requests_total", StringComparison.Ordinal) || k.Contains("_bucket", StringComparison.Ordinal) || k.StartsWith("container_cpu", StringComparison.Ordinal));
        Assert.NotEmpty(counters);
        Assert.All(counters.Where(second.ContainsKey), k => Assert.True(second[k] >= first[k], k));
        Assert.True(second.Where(p => p.Key.StartsWith("http_requests_total", StringComparison.Ordinal)).Sum(p => p.Value)
            > first.Where(p => p.Key.StartsWith("http_requests_total", StringComparison.Ordinal)).Sum(p => p.Value));
    }

    [Fact]
    public async Task Scenario_UnknownName_Is400WithAClearMessage()
    {
        using var client = _factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/scenario/meteor-strike", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown scenario 'meteor-strike'", body, StringComparison.Ordinal);
        Assert.Contains("traffic-spike", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_PostThenGet_SwitchesAndTheMetricsFollowAtOnce()
    {
        using var client = _factory.CreateClient();
        try
        {
            using var posted = await client.PostAsync(new Uri("/scenario/database-down", UriKind.Relative), null);
            var state = await client.GetFromJsonAsync<JsonElement>(new Uri("/scenario", UriKind.Relative));
            var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Equal("database-down", state.GetProperty("name").GetString());
            Assert.Equal(_factory.Clock.GetUtcNow(), state.GetProperty("since").GetDateTimeOffset());
            Assert.Contains("\npg_up 0\n", metrics, StringComparison.Ordinal);
            Assert.Contains("\nredis_up 1\n", metrics, StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await client.PostAsync(new Uri("/scenario/normal", UriKind.Relative), null);
        }
    }

    private static Dictionary<string, double> Parse(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (Key: l[..l.LastIndexOf(' ')], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Key, p => p.Value);
}
