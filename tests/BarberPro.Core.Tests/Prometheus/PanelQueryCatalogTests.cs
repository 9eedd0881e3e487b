using System.Net;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PanelQueryCatalogTests
{
    private static readonly PanelQueryArguments s_all = new()
    {
        Rate = TimeSpan.FromMinutes(1),
        Window = TimeSpan.FromDays(30),
        City = "Córdoba",
    };

    [Fact]
    public void Keys_Always_IncludeEveryPanelOfTheIssue()
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        string[] required =
        [
            "AvailabilityRatio", "LatencyAverage", "LatencyP95", "LatencyP99", "RequestsPerSecond", "ErrorRatio5xx",
            "PodsCurrent", "PodsDesired", "HpaMin", "HpaMax", "CpuUtilisation", "MemoryUtilisation", "PostgresUp",
            "RedisUp", "ProbeLatencyByCity", "BurnRate",
        ];
        Assert.All(required, key => Assert.Contains(key, catalog.Keys));
    }

    [Fact]
    public void Render_EveryDefault_UsesOnlyKnownPlaceholdersAndLeavesNoneBehind()
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        Assert.NotEmpty(catalog.Keys);
        foreach (var key in catalog.Keys)
        {
            var query = catalog.Render(key, s_all);
            Assert.DoesNotContain("{{", query, StringComparison.Ordinal);
            Assert.Equal(CountOf(query, '('), CountOf(query, ')'));
            Assert.Equal(CountOf(query, '{'), CountOf(query, '}'));
            Assert.Equal(CountOf(query, '['), CountOf(query, ']'));
        }
    }

    [Theory]
    [InlineData(PanelQueryKeys.AvailabilityRatio, "1 - ((sum(rate(http_requests_total{job=\"barberpro\",code=~\"5..\"}[30d])) or vector(0)) / sum(rate(http_requests_total{job=\"barberpro\"}[30d])))")]
    [InlineData(PanelQueryKeys.LatencyP95, "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"barberpro\"}[1m])))")]
    [InlineData(PanelQueryKeys.ErrorRatio5xx, "(sum(rate(http_requests_total{job=\"barberpro\",code=~\"5..\"}[1m])) or vector(0)) / sum(rate(http_requests_total{job=\"barberpro\"}[1m]))")]
    [InlineData(PanelQueryKeys.PodsCurrent, "sum(max by (namespace, deployment) (kube_deployment_status_replicas{deployment=\"barberpro-backend\"}))")]
    [InlineData(PanelQueryKeys.PodsDesired, "sum(max by (namespace, deployment) (kube_deployment_spec_replicas{deployment=\"barberpro-backend\"}))")]
    [InlineData(PanelQueryKeys.HpaMax, "max(kube_horizontalpodautoscaler_spec_max_replicas{horizontalpodautoscaler=\"barberpro-backend-hpa\"})")]
    [InlineData(PanelQueryKeys.CpuUtilisation, "sum(rate(container_cpu_usage_seconds_total{container=\"barberpro-api\"}[1m])) / sum(max by (namespace, deployment) (kube_deployment_status_replicas{deployment=\"barberpro-backend\"}))")]
    [InlineData(PanelQueryKeys.MemoryUtilisation, "sum(container_memory_usage_bytes{container=\"barberpro-api\"}) / sum(container_spec_memory_limit_bytes{container=\"barberpro-api\"})")]
    [InlineData(PanelQueryKeys.PostgresUp, "min(pg_up)")]
    [InlineData(PanelQueryKeys.ProbeLatencyCity, "avg(probe_duration_seconds{city=\"Córdoba\"})")]
    [InlineData(PanelQueryKeys.BurnRate, "((sum(rate(http_requests_total{job=\"barberpro\",code=~\"5..\"}[30d])) or vector(0)) / sum(rate(http_requests_total{job=\"barberpro\"}[30d]))) / 0.0010000000000000009")]
    public void Render_Default_IsTheDocumentedQueryForTheStandardExporters(string key, string expected)
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        Assert.Equal(expected, catalog.Render(key, s_all));
    }

    [Fact]
    public void Render_OtherWorkloadLabels_AreInsertedEscaped()
    {
        var options = new PanelQueryOptions();
        options.Labels.Job = "api\"} or up{";

        var query = new PanelQueryCatalog(Options.Create(options)).Render(PanelQueryKeys.RequestsPerSecond, s_all);

        Assert.Equal("sum(rate(http_requests_total{job=\"api\\\"} or up{\"}[1m]))", query);
    }

    [Fact]
    public void Render_MissingArgument_SaysWhichOne()
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        var error = Assert.Throws<ArgumentException>(() => catalog.Render(PanelQueryKeys.AvailabilityRatio, new PanelQueryArguments { Rate = TimeSpan.FromMinutes(1) }));

        Assert.Contains("{{window}}", error.Message, StringComparison.Ordinal);
        Assert.Contains("PanelQueryArguments.Window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_UnknownKey_Throws()
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        Assert.Throws<KeyNotFoundException>(() => catalog.Get("Uptime"));
    }

    [Fact]
    public void Get_Key_IsCaseInsensitiveLikeConfiguration()
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        Assert.Same(catalog.Get("postgresup"), catalog.Get(PanelQueryKeys.PostgresUp));
    }

    [Fact]
    public void AddPanelQueryCatalog_OverrideInAppSettings_ReplacesTheDefault()
    {
        using var provider = BuildProvider(new Dictionary<string, string?>
        {
            ["Panels:Queries:PostgresUp"] = "max(pg_up{cluster={{job}}})",
            ["Panels:Labels:Job"] = "bookings",
            ["Panels:ScrapeInterval"] = "00:00:30",
        });

        var catalog = provider.GetRequiredService<PanelQueryCatalog>();

        Assert.Equal("max(pg_up{cluster=\"bookings\"})", catalog.Render(PanelQueryKeys.PostgresUp, new PanelQueryArguments()));
        Assert.Equal("min(redis_up)", catalog.Render(PanelQueryKeys.RedisUp, new PanelQueryArguments()));
        Assert.Equal(TimeSpan.FromMinutes(2), catalog.InstantRateWindow);
    }

    [Fact]
    public void AddPanelQueryCatalog_InvalidConfiguration_StopsStartUpNamingEverySetting()
    {
        using var provider = BuildProvider(new Dictionary<string, string?>
        {
            ["Panels:Queries:LatencyP95"] = "histogram_quantile(0.95, rate(x{ns={{namespace}}}[{{rate}}]))",
            ["Panels:Queries:LatencyP59"] = "up",
            ["Panels:Queries:RedisUp"] = "redis_up{job=\"{{rate}}\"}",
            ["Panels:Labels:Job"] = "",
            ["Panels:SloTarget"] = "99.9",
            ["Panels:ErrorRatioWindow"] = "00:00:20",
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Panels:Queries:LatencyP95 is invalid: Unknown placeholder {{namespace}}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Panels:Queries:LatencyP59 is not a known panel query", error.Message, StringComparison.Ordinal);
        Assert.Contains("Panels:Queries:RedisUp is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains("Panels:Labels:Job is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Panels:SloTarget", error.Message, StringComparison.Ordinal);
        Assert.Contains("Panels:ErrorRatioWindow must be whole seconds, at least two scrape intervals", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PanelQueryKeys.ErrorRatio5xx, 60, 300)]
    [InlineData(PanelQueryKeys.ErrorRatio5xx, 615, 615)]
    [InlineData(PanelQueryKeys.RequestsPerSecond, 60, 60)]
    public void RateWindowFor_NeverTakesThe5xxRatioOverLessThanTheAlertsWindow(string key, int askedSeconds, int expectedSeconds)
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), catalog.RateWindowFor(key, TimeSpan.FromSeconds(askedSeconds)));
    }

    [Fact]
    public void RangeWindow_UsesConfiguredScrapeIntervalAndPointCap()
    {
        var options = new PanelQueryOptions { ScrapeInterval = TimeSpan.FromSeconds(30), MaxPointsPerSeries = 500 };
        var catalog = new PanelQueryCatalog(Options.Create(options));

        var window = catalog.RangeWindow(DateTimeOffset.FromUnixTimeSeconds(1_763_872_410), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromSeconds(30), window.Step);
        Assert.Equal(TimeSpan.FromMinutes(2), window.RateWindow);
    }

    [Fact]
    public async Task HostileCity_ReachesPrometheusAsOneEscapedStringLiteral()
    {
        const string city = "Rosario\"} or up{job=\"x\\\"}\nmore";
        using var host = new PrometheusTestHost();
        host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));

        await host.Client.QueryVectorAsync(catalog.Render(PanelQueryKeys.ProbeLatencyCity, new PanelQueryArguments { City = city }));

        var sent = Assert.Single(host.Handler.Requests).Form["query"];
        Assert.Equal("avg(probe_duration_seconds{city=\"Rosario\\\"} or up{job=\\\"x\\\\\\\"}\\nmore\"})", sent);
        const string prefix = "avg(probe_duration_seconds{city=";
        Assert.StartsWith(prefix, sent, StringComparison.Ordinal);
        Assert.EndsWith("})", sent, StringComparison.Ordinal);
        Assert.Equal(city, PromQlTests.GoUnquote(sent[prefix.Length..^2]));
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddPanelQueryCatalog(configuration.GetSection(PanelQueryOptions.SectionName));
        return services.BuildServiceProvider();
    }

    private static int CountOf(string text, char c) => text.Count(x => x == c);
}
