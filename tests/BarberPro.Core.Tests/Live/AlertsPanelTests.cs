using BarberPro.Core.Live;
using BarberPro.Core.Tests.Prometheus;

namespace BarberPro.Core.Tests.Live;

/// <summary>
/// The Alerts panel on answers recorded from Prometheus 2.42: "No alert is firing" only while alerting runs.
/// </summary>
public sealed partial class PrometheusPanelSourcesTests
{
    private static readonly DateTimeOffset s_fetchedAt = RecordedAnswers.RulesFetchedAt;

    [Fact]
    public async Task Alerts_WhileEveryExpectedRuleRuns_SayNoAlertIsFiring_WithOneCallToEachEndpoint()
    {
        var (reading, panel) = await ReadAlertsAsync(s_fetchedAt);

        Assert.Equal(AlertingState.Running, reading.Alerting!.State);
        Assert.Equal("No alert is firing or pending.", reading.Alerting.EmptyText);
        Assert.Empty(reading.Alerting.Notes);
        Assert.Equal(("0", Level.Ok), Pick(reading, "firing"));
        Assert.Equal(("6", Level.Ok), Pick(reading, "rules"));
        Assert.Equal("6 expected", reading.Figures.Single(f => f.Key == "rules").Target);
        Assert.Equal(Level.Ok, panel.Level);
        Assert.Equal(1, _host.Handler.Requests.Count(r => r.Uri.AbsolutePath == "/api/v1/rules"));
        Assert.Equal(1, _host.Handler.Requests.Count(r => r.Uri.AbsolutePath == "/api/v1/alerts"));
    }

    // The recorded answer is Prometheus with its rule file moved away.
    [Fact]
    public async Task Alerts_WithNoRulesLoaded_AreUnknown_NeverNoneFiring()
    {
        _rulesAnswer = RecordedAnswers.RulesNoneLoaded;

        var (reading, panel) = await ReadAlertsAsync(s_fetchedAt);

        var alerting = reading.Alerting!;
        Assert.Equal(AlertingState.Unknown, alerting.State);
        Assert.Equal("No alerting rules loaded — alerts unknown", alerting.Notes[0]);
        Assert.Equal("Expected rules not loaded: HighResponseTime, HighErrorRate, DatabaseConnectionFailure, RedisConnectionFailure, HighCPUUsage, HighMemoryUsage",
            alerting.Notes[1]);
        Assert.Null(alerting.EmptyText);
        Assert.Equal(("unknown", Level.Unknown), Pick(reading, "firing"));
        Assert.Equal(("unknown", Level.Unknown), Pick(reading, "pending"));
        Assert.Equal(("none loaded", Level.Unknown), Pick(reading, "rules"));
        Assert.Null(reading.Figures.Single(f => f.Key == "firing").Value);
        Assert.Equal(PanelStatus.Data, panel.Status);
        Assert.Equal(Level.Unknown, panel.Level);
    }

    [Fact]
    public async Task Alerts_FromVictoriaMetricsWithoutARuleEvaluator_AreUnknown()
    {
        _rulesAnswer = RecordedAnswers.VictoriaMetricsRules;
        _alertsAnswer = RecordedAnswers.VictoriaMetricsAlerts;

        var (reading, panel) = await ReadAlertsAsync(s_fetchedAt);

        Assert.Equal(AlertingState.Unknown, reading.Alerting!.State);
        Assert.Equal("No alerting rules loaded — alerts unknown", reading.Alerting.Notes[0]);
        Assert.Null(reading.Alerting.EmptyText);
        Assert.Equal(("unknown", Level.Unknown), Pick(reading, "firing"));
        Assert.Equal(Level.Unknown, panel.Level);
    }

    [Fact]
    public async Task Alerts_WhenTheLastEvaluationIsOlderThanThreeIntervals_MayBeStale()
    {
        var evaluated = RecordedAnswers.HealthyAlertsGroupEvaluatedAt;

        var (atThreeIntervals, _) = await ReadAlertsAsync(evaluated + TimeSpan.FromSeconds(45));
        var (sevenMinutesLater, panel) = await ReadAlertsAsync(evaluated + TimeSpan.FromMinutes(7.2));

        Assert.Equal(AlertingState.Running, atThreeIntervals.Alerting!.State);
        var alerting = sevenMinutesLater.Alerting!;
        Assert.Equal(AlertingState.Stale, alerting.State);
        Assert.Equal(["Rules last evaluated 7 min ago — alerts may be stale"], alerting.Notes);
        Assert.Equal("No alert was firing or pending at the last evaluation.", alerting.EmptyText);
        Assert.Equal(Level.Warning, Pick(sevenMinutesLater, "rules").Level);
        Assert.Equal(Level.Warning, panel.Level);
    }

    [Fact]
    public async Task Alerts_WhenAnExpectedRuleIsNotLoaded_NameIt()
    {
        _rulesAnswer = RecordedAnswers.RulesMissingHighCpuUsage;

        var (reading, _) = await ReadAlertsAsync(s_fetchedAt);

        var alerting = reading.Alerting!;
        Assert.Equal(AlertingState.Degraded, alerting.State);
        Assert.Equal(["HighCPUUsage"], alerting.MissingRules);
        Assert.Equal(["Expected rule not loaded: HighCPUUsage"], alerting.Notes);
        Assert.Equal("No alert is firing or pending from the rules that run.", alerting.EmptyText);
        Assert.Equal(("5", Level.Warning), Pick(reading, "rules"));
    }

    [Fact]
    public async Task Alerts_WhenARuleFailsToEvaluate_ShowPrometheusLastError()
    {
        _rulesAnswer = RecordedAnswers.RulesHighMemoryUsageError;

        var (reading, _) = await ReadAlertsAsync(s_fetchedAt);

        var alerting = reading.Alerting!;
        Assert.Equal(AlertingState.Degraded, alerting.State);
        var failure = Assert.Single(alerting.Failures);
        Assert.Equal(("HighMemoryUsage", "barberpro.alerts"), (failure.Rule, failure.Group));
        var note = Assert.Single(alerting.Notes);
        Assert.StartsWith("Alerting rule HighMemoryUsage (barberpro.alerts) fails: found duplicate series for the match group {}", note, StringComparison.Ordinal);
        Assert.Equal(Level.Warning, Pick(reading, "rules").Level);
    }

    [Fact]
    public async Task Alerts_CheckTheConfiguredRuleNames()
    {
        _live.ExpectedAlertRules = ["HighErrorRate", "BookingBacklog"];

        var (reading, _) = await ReadAlertsAsync(s_fetchedAt);

        Assert.Equal(["BookingBacklog"], reading.Alerting!.MissingRules);
        Assert.Equal("2 expected", reading.Figures.Single(f => f.Key == "rules").Target);
    }

    [Fact]
    public async Task Alerts_FiringWhileNoRuleIsLoaded_AreStillListed_AndCounted()
    {
        _rulesAnswer = RecordedAnswers.RulesNoneLoaded;
        _alertsAnswer = PrometheusFixtures.Alerts;

        var (reading, panel) = await ReadAlertsAsync(s_fetchedAt);

        Assert.Equal(["HighResponseTime", "DatabaseConnectionFailure"], reading.Alerts!.Select(a => a.Name));
        Assert.Equal(("1", Level.Warning), Pick(reading, "firing"));
        Assert.Equal(Level.Warning, panel.Level);
        Assert.Equal("No alerting rules loaded — alerts unknown", reading.Alerting!.Notes[0]);
    }

    [Fact]
    public async Task Alerts_WhenTheRulesCannotBeRead_FailThePanel_SoItTurnsStale()
    {
        _rulesAnswer = """{"status":"success","data":{}}""";

        var error = await Assert.ThrowsAsync<BarberPro.Core.Prometheus.PrometheusException>(() => ReadAlertsAsync(s_fetchedAt));

        Assert.Contains("data.groups", error.Message, StringComparison.Ordinal);
    }

    private async Task<(PanelReading Reading, PanelSnapshot Panel)> ReadAlertsAsync(DateTimeOffset now)
    {
        var reading = await Sources().Get(PrometheusPanelSources.Alerts).ReadAsync(now, CancellationToken.None);
        return (reading, PanelSnapshot.FromReading(PrometheusPanelSources.Alerts, "Alerts", reading));
    }
}
