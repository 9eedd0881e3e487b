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
    public async Task Metrics_AfterTwoMinutes_EveryRequestSeriesMatchesTheModelBucketByBucket()
    {
        var text = await ScrapeAfterAsync(TimeSpan.FromMinutes(2));
        var model = _factory.Services.GetRequiredService<ClusterModelHost>().Latest;
        var samples = Parse(text);

        Assert.Equal(_factory.Clock.GetUtcNow(), model.Timestamp);
        Assert.True(model.Requests.Sum(r => r.Count) > 100_000, "two minutes of traffic should be well over 100,000 requests");
        foreach (var series in model.Requests)
        {
            var labels = $"code=\"{series.Code}\",method=\"{series.Method}\"";
            Assert.Equal(series.Count, samples[$"http_requests_total{{{labels}}}"]);
            Assert.Equal(series.Count, samples[$"http_request_duration_seconds_count{{{labels}}}"]);
            Assert.Equal(series.Sum, samples[$"http_request_duration_seconds_sum{{{labels}}}"], 6);
            long cumulative = 0;
            for (var b = 0; b < series.BucketCounts.Count; b++)
            {
                cumulative += series.BucketCounts[b];
                var le = b < ClusterModel.LatencyBuckets.Count ? ClusterModel.LatencyBuckets[b].ToString(System.Globalization.CultureInfo.InvariantCulture) : "+Inf";
                Assert.Equal(cumulative, samples[$"http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}}"]);
            }
        }

        Assert.Equal(
            ["0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"],
            samples.Keys.Where(k => k.StartsWith("http_request_duration_seconds_bucket{code=\"200\",method=\"GET\",", StringComparison.Ordinal))
                .Select(k => k[(k.IndexOf("le=\"", StringComparison.Ordinal) + 4)..^2]));
        Assert.Contains("# TYPE http_requests_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_request_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE container_cpu_usage_seconds_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE container_memory_usage_bytes gauge\n", text, StringComparison.Ordinal);
        Assert.Equal(model.Hpa.CurrentReplicas, samples["kube_horizontalpodautoscaler_status_current_replicas{horizontalpodautoscaler=\"barberpro-backend-hpa\",namespace=\"barberpro-production\"}"]);
    }

    [Fact]
    public async Task Metrics_AfterAScaleDown_PodsThatAreGoneDisappearFromEveryPodSeries()
    {
        using var client = _factory.CreateClient();
        try
        {
            using var spike = await client.PostAsync(new Uri("/scenario/traffic-spike", UriKind.Relative), null);
            var during = PodsIn(await ScrapeAfterAsync(TimeSpan.FromMinutes(10)));
            using var normal = await client.PostAsync(new Uri("/scenario/normal", UriKind.Relative), null);
            var text = await ScrapeAfterAsync(TimeSpan.FromMinutes(20));
            var running = _factory.Services.GetRequiredService<ClusterModelHost>().Latest.Pods.Select(p => p.Name).ToHashSet();

            Assert.NotEmpty(during.Except(running));
            Assert.Equal(running.Order(), PodsIn(text).Order());
            foreach (var family in new[] { "container_cpu_usage_seconds_total", "container_memory_usage_bytes", "container_spec_memory_limit_bytes" })
            {
                Assert.Equal(running.Count, text.Split('\n').Count(l => l.StartsWith(family + "{", StringComparison.Ordinal)));
            }
        }
        finally
        {
            using var reset = await client.PostAsync(new Uri("/scenario/normal", UriKind.Relative), null);
        }
    }

    [Fact]
    public async Task Metrics_TwoSimulatorsInOneProcess_EachServesOnlyItsOwnSeries()
    {
        await using var other = new SimulatorAppFactory();
        await ScrapeAfterAsync(TimeSpan.FromMinutes(1));
        using var client = other.CreateClient();

        var untouched = Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

        Assert.Equal(0, untouched.Where(p => p.Key.StartsWith("http_requests_total{", StringComparison.Ordinal)).Sum(p => p.Value));
        Assert.Equal(other.Services.GetRequiredService<ClusterModelHost>().Latest.Requests.Count, untouched.Count(p => p.Key.StartsWith("http_requests_total{", StringComparison.Ordinal)));
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

    private static HashSet<string> PodsIn(string text) =>
        text.Split('\n')
            .Where(l => l.StartsWith("container_memory_usage_bytes{", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("pod=\"", StringComparison.Ordinal) + 5)..l.IndexOf("\"}", StringComparison.Ordinal)])
            .ToHashSet();

    private static Dictionary<string, double> Parse(string text) =>
        text.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (Key: l[..l.LastIndexOf(' ')], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(p => p.Key, p => p.Value);
}
