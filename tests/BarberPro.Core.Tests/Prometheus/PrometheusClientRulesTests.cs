using System.Net;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Prometheus;

/// <summary><c>GET /api/v1/rules</c> on answers recorded from Prometheus 2.42.</summary>
public sealed class PrometheusClientRulesTests : IDisposable
{
    private readonly PrometheusTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task GetRulesAsync_RecordedAnswer_ReturnsGroupsWithIntervalEvaluationTimeAndTypedRules()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, RecordedAnswers.RulesHealthy);

        var groups = await _host.Client.GetRulesAsync();

        var request = Assert.Single(_host.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("http://prometheus.test:9090/api/v1/rules"), request.Uri);
        Assert.Equal(["barberpro.alerts", "barberpro.slo"], groups.Select(g => g.Name));
        var alerts = groups[0];
        Assert.Equal(TimeSpan.FromSeconds(15), alerts.Interval);
        Assert.Equal(RecordedAnswers.HealthyAlertsGroupEvaluatedAt, alerts.LastEvaluation);
        Assert.EndsWith("rules/barberpro-alerts.yml", alerts.File, StringComparison.Ordinal);
        Assert.Equal(
            ["HighResponseTime", "HighErrorRate", "DatabaseConnectionFailure", "RedisConnectionFailure", "HighCPUUsage", "HighMemoryUsage"],
            alerts.Rules.Select(r => r.Name));
        Assert.All(alerts.Rules, r => Assert.Equal((PrometheusRuleType.Alerting, PrometheusRuleHealth.Ok, (string?)null), (r.Type, r.Health, r.LastError)));
        Assert.Equal(5, groups[1].Rules.Count);
        Assert.All(groups[1].Rules, r => Assert.Equal(PrometheusRuleType.Recording, r.Type));
    }

    [Fact]
    public async Task GetRulesAsync_ARuleThatFailsToEvaluate_CarriesHealthErrAndPrometheusLastError()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, RecordedAnswers.RulesHighMemoryUsageError);

        var groups = await _host.Client.GetRulesAsync();

        var failed = Assert.Single(groups.SelectMany(g => g.Rules), r => r.Health != PrometheusRuleHealth.Ok);
        Assert.Equal(("HighMemoryUsage", PrometheusRuleHealth.Err), (failed.Name, failed.Health));
        Assert.StartsWith("found duplicate series for the match group {} on the right hand-side of the operation", failed.LastError, StringComparison.Ordinal);
        Assert.EndsWith("many-to-many matching not allowed: matching labels must be unique on one side", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRulesAsync_NoRuleFileLoaded_ReturnsNoGroups()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, RecordedAnswers.RulesNoneLoaded);

        Assert.Empty(await _host.Client.GetRulesAsync());
    }

    [Fact]
    public async Task GetRulesAsync_BeforeTheFirstEvaluation_GoZeroTimeIsNoEvaluation()
    {
        // What Prometheus writes for a group loaded but not evaluated yet: Go's zero time and health "unknown".
        _host.Handler.EnqueueJson(HttpStatusCode.OK, """
            {"status":"success","data":{"groups":[{"name":"g","file":"r.yml","rules":[{"state":"inactive","name":"A","query":"up == 0",
             "duration":60,"labels":{},"annotations":{},"alerts":[],"health":"unknown","evaluationTime":0,
             "lastEvaluation":"0001-01-01T00:00:00Z","type":"alerting"}],"interval":15,"limit":0,"evaluationTime":0,"lastEvaluation":"0001-01-01T00:00:00Z"}]}}
            """);

        var group = Assert.Single(await _host.Client.GetRulesAsync());

        Assert.Null(group.LastEvaluation);
        var rule = Assert.Single(group.Rules);
        Assert.Equal((PrometheusRuleHealth.Unknown, (DateTimeOffset?)null), (rule.Health, rule.LastEvaluation));
    }

    [Theory]
    [InlineData("""{"status":"success","data":{}}""", "data.groups")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g","rules":[{"name":"A","type":"silencing","health":"ok"}],"interval":15}]}}""", "unknown type \"silencing\"")]
    [InlineData("""{"status":"success","data":{"groups":[{"name":"g","rules":[],"interval":15,"lastEvaluation":"yesterday"}]}}""", "\"yesterday\" is not a timestamp")]
    public async Task GetRulesAsync_AnswerOfTheWrongShape_IsMalformedWithTheReason(string body, string reason)
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.GetRulesAsync());

        Assert.Equal(PrometheusErrorKind.Malformed, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRulesAsync_Unavailable503_IsRetriedLikeEveryCallThenReportedAsUnavailable()
    {
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.Unavailable);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.GetRulesAsync());

        Assert.Equal(PrometheusErrorKind.Unavailable, error.Kind);
        Assert.Equal(1 + _host.Options.RetryCount, _host.Handler.Calls);
    }

    [Fact]
    public async Task GetRulesAsync_BodyAboveTheSizeCap_IsRefused()
    {
        using var host = new PrometheusTestHost(o => o.MaxResponseBytes = 4096);
        host.Handler.EnqueueJson(HttpStatusCode.OK, RecordedAnswers.RulesHealthy);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => host.Client.GetRulesAsync());

        Assert.Equal(PrometheusErrorKind.ResponseTooLarge, error.Kind);
    }
}
