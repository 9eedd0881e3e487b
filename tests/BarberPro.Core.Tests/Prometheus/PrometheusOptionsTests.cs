using System.Net;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PrometheusOptionsTests
{
    [Fact]
    public void Validate_DefaultsWithBaseUrl_Succeed()
    {
        var result = new ValidatePrometheusOptions().Validate(null, new PrometheusOptions { BaseUrl = "http://127.0.0.1:19090" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new PrometheusOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(8 * 1024 * 1024, options.MaxResponseBytes);
    }

    [Theory]
    [InlineData("prometheus:9090")]
    [InlineData("localhost")]
    [InlineData("ftp://prometheus:9090")]
    [InlineData("/api/v1")]
    [InlineData("http://prometheus:9090/?x=1")]
    [InlineData("http://prometheus:9090/#frag")]
    [InlineData("not a url")]
    public void Validate_BaseUrlInWrongFormat_NamesPrometheusBaseUrl(string url)
    {
        var result = new ValidatePrometheusOptions().Validate(null, new PrometheusOptions { BaseUrl = url });

        Assert.True(result.Failed);
        Assert.Contains("Prometheus:BaseUrl must be an absolute http or https URL", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryProblemAtOnce()
    {
        var options = new PrometheusOptions
        {
            BaseUrl = null,
            Timeout = TimeSpan.Zero,
            MaxResponseBytes = 10,
            RetryCount = -1,
            RetryBaseDelay = TimeSpan.FromMinutes(-1),
            CircuitBreakerFailureRatio = 1.5,
            CircuitBreakerMinimumThroughput = 1,
            CircuitBreakerSamplingDuration = TimeSpan.Zero,
            CircuitBreakerBreakDuration = TimeSpan.Zero,
        };

        var result = new ValidatePrometheusOptions().Validate(null, options);

        string[] settings =
        [
            "BaseUrl is required", "Timeout", "MaxResponseBytes", "RetryCount", "RetryBaseDelay", "CircuitBreakerFailureRatio",
            "CircuitBreakerMinimumThroughput", "CircuitBreakerSamplingDuration", "CircuitBreakerBreakDuration",
        ];
        Assert.Equal(settings.Length, result.Failures!.Count());
        Assert.All(settings, s => Assert.Contains("Prometheus:" + s, result.FailureMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void AddPrometheusClient_BaseUrlInWrongFormat_StopsStartUpNamingTheSetting()
    {
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Prometheus:BaseUrl"] = "prometheus:9090" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Prometheus:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPrometheusClient_MissingSection_StopsStartUpAskingForTheBaseUrl()
    {
        using var provider = BuildProvider([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Prometheus:BaseUrl is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPrometheusClient_FromConfiguration_ResolvesATypedClientUsingTheBaseUrlAndSharedResilience()
    {
        var fake = new FakePrometheusHandler();
        fake.Fallback = Respond.Json(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prometheus:BaseUrl"] = "http://prometheus.monitoring:9090/prom",
            ["Prometheus:Timeout"] = "00:00:02",
            ["Prometheus:RetryCount"] = "1",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrometheusClient(configuration.GetSection("Prometheus")).ConfigurePrimaryHttpMessageHandler(() => fake);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var first = provider.GetRequiredService<PrometheusClient>();
        var second = provider.GetRequiredService<PrometheusClient>();
        await first.QueryAsync("up");

        var request = Assert.Single(fake.Requests);
        Assert.Equal(new Uri("http://prometheus.monitoring:9090/prom/api/v1/query"), request.Uri);
        Assert.Equal("2s", request.Form["timeout"]);
        Assert.NotSame(first, second);
        Assert.Same(provider.GetRequiredService<PrometheusResilience>(), provider.GetRequiredService<PrometheusResilience>());
    }

    [Fact]
    public void AddPrometheusClient_WithAction_BindsAndValidates()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrometheusClient(o =>
        {
            o.BaseUrl = "https://prometheus.example";
            o.RetryCount = 42;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Prometheus:RetryCount", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrometheusClient(configuration.GetSection(PrometheusOptions.SectionName));
        return services.BuildServiceProvider();
    }
}
