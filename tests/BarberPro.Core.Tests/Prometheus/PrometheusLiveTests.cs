using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Prometheus;

/// <summary>
/// Against the real Prometheus of the local stack (BARBERPRO_PROMETHEUS_URL), through the production
/// registration. Only expressions that need no scraped data, so the outcome does not depend on timing.
/// </summary>
public sealed class PrometheusLiveTests : IAsyncLifetime
{
    private const string UrlVariable = "BARBERPRO_PROMETHEUS_URL";
    private ServiceProvider? _provider;

    private PrometheusClient Client => _provider!.GetRequiredService<PrometheusClient>();

    public Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        Assert.False(
            string.IsNullOrWhiteSpace(url),
            $"{UrlVariable} is not set: run scripts/test.sh (or source $STACK_DIR/env) so the tests find the real Prometheus.");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Prometheus:BaseUrl"] = url,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPrometheusClient(configuration.GetSection(PrometheusOptions.SectionName));
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<IStartupValidator>().Validate();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task CheckReadyAsync_RealPrometheus_IsReadyAndReportsItsVersion()
    {
        var readiness = await Client.CheckReadyAsync();
        var info = await Client.GetBuildInfoAsync();

        Assert.True(readiness.IsReady, readiness.Detail);
        Assert.Matches(@"^\d+\.\d+\.\d+", info.Version);
    }

    [Fact]
    public async Task QueryVectorAsync_ConstantExpression_ReturnsItsValue()
    {
        var vector = await Client.QueryVectorAsync("vector(0.5) * 2");

        Assert.True(vector.TryGetSingleValue(out var sample));
        Assert.Equal(1.0, sample.Value);
    }

    [Fact]
    public async Task QueryAsync_DivisionByZero_ParsesInfinityAndNaN()
    {
        var infinity = Assert.IsType<PrometheusScalar>(await Client.QueryAsync("1/0"));
        var negative = Assert.IsType<PrometheusScalar>(await Client.QueryAsync("-1/0"));
        var nan = Assert.IsType<PrometheusScalar>(await Client.QueryAsync("0/0"));

        Assert.Equal(double.PositiveInfinity, infinity.Sample.Value);
        Assert.Equal(double.NegativeInfinity, negative.Sample.Value);
        Assert.True(double.IsNaN(nan.Sample.Value));
    }

    [Fact]
    public async Task QueryAsync_AtGivenTime_EvaluatesAtThatTime()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

        var scalar = Assert.IsType<PrometheusScalar>(await Client.QueryAsync("time()", at));

        Assert.Equal(1_700_000_000.123, scalar.Sample.Value, 3);
        Assert.Equal(at, scalar.Sample.Timestamp);
    }

    [Fact]
    public async Task HostileLabelValue_ReachesPrometheusAsExactlyOneStringLiteral()
    {
        const string hostile = "Rosario\"} or up{job=\"x\\\"}\nmore 'quoted' `raw`";

        var vector = await Client.QueryVectorAsync($"label_replace(vector(1), \"city\", {PromQl.String(hostile)}, \"\", \"\")");
        var none = await Client.QueryVectorAsync($"probe_duration_seconds{{{PromQl.Label("city", hostile)}}}");

        Assert.Equal(hostile, Assert.Single(vector.Series).Labels["city"]);
        Assert.True(none.IsEmpty);
    }

    [Fact]
    public async Task QueryAsync_SyntaxError_IsBadDataWithPrometheusMessage()
    {
        var error = await Assert.ThrowsAsync<PrometheusException>(() => Client.QueryAsync("sum(rate(up[5m])"));

        Assert.Equal(PrometheusErrorKind.BadData, error.Kind);
        Assert.Equal("bad_data", error.ErrorType);
        Assert.Contains("parse error", error.PrometheusError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_ManyToManyMatch_IsExecutionError()
    {
        const string query = "vector(1) + on() (label_replace(vector(1), \"a\", \"1\", \"\", \"\") or label_replace(vector(1), \"a\", \"2\", \"\", \"\"))";

        var error = await Assert.ThrowsAsync<PrometheusException>(() => Client.QueryAsync(query));

        Assert.Equal(PrometheusErrorKind.Execution, error.Kind);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.StatusCode);
    }

    [Fact]
    public async Task QueryRangeAsync_StandardWindow_ReturnsOnePointPerStep()
    {
        var window = RangeStep.Calculate(TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(15));

        var matrix = await Client.QueryRangeAsync("vector(1)", window);

        var series = Assert.Single(matrix.Series);
        Assert.Equal(window.PointCount, series.Points.Count);
        Assert.Equal(window.Start, series.Points[0].Timestamp);
        Assert.Equal(window.End, series.Points[^1].Timestamp);
    }

    [Fact]
    public async Task PanelQueryCatalog_EveryDefaultQuery_IsAcceptedByPrometheus()
    {
        var catalog = new PanelQueryCatalog(Options.Create(new PanelQueryOptions()));
        var arguments = new PanelQueryArguments { Rate = catalog.InstantRateWindow, Window = TimeSpan.FromHours(1), City = "Córdoba" };

        Assert.NotEmpty(catalog.Keys);
        foreach (var key in catalog.Keys)
        {
            var result = await Client.QueryAsync(catalog.Render(key, arguments));
            Assert.True(result is PrometheusVector, $"{key} answered a {result.ResultType}");
        }
    }

    [Fact]
    public async Task GetAlertsAsync_RealPrometheus_ReturnsAList()
    {
        var alerts = await Client.GetAlertsAsync();

        Assert.All(alerts, a => Assert.False(string.IsNullOrEmpty(a.Name)));
    }

    [Fact]
    public async Task GetRulesAsync_RealPrometheus_HasEveryExpectedAlertRuleLoaded()
    {
        var groups = await Client.GetRulesAsync();

        var alerting = groups.SelectMany(g => g.Rules).Where(r => r.Type == PrometheusRuleType.Alerting).Select(r => r.Name);
        Assert.Equal(BarberPro.Core.Live.LiveOptions.DefaultExpectedAlertRules.Order(StringComparer.Ordinal), alerting.Order(StringComparer.Ordinal));
        Assert.All(groups, g => Assert.True(g.Interval > TimeSpan.Zero, g.Name));
    }
}
