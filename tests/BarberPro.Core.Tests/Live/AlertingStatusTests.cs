using System.Text.RegularExpressions;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Configuration;

namespace BarberPro.Core.Tests.Live;

public sealed partial class AlertingStatusTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 29, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RulesLoadedButNeverEvaluated_AreUnknown()
    {
        var group = Group("g", lastEvaluation: null, Rule("HighErrorRate"));

        var status = AlertingStatus.Assess([group], ["HighErrorRate"], s_now);

        Assert.Equal(AlertingState.Unknown, status.State);
        Assert.Equal(["Alerting rules not evaluated yet — alerts unknown"], status.Notes);
        Assert.Null(status.EmptyText);
    }

    [Fact]
    public void OnlyRecordingRules_AreNoAlertingRules()
    {
        var group = Group("slo", s_now, Rule("barberpro:availability:ratio_rate5m", PrometheusRuleType.Recording));

        var status = AlertingStatus.Assess([group], [], s_now);

        Assert.Equal((AlertingState.Unknown, 0), (status.State, status.AlertingRules));
        Assert.Equal(["No alerting rules loaded — alerts unknown"], status.Notes);
    }

    [Fact]
    public void StalenessIsJudgedPerGroup_AgainstItsOwnInterval()
    {
        var fast = Group("fast", s_now - TimeSpan.FromSeconds(4), Rule("A")) with { Interval = TimeSpan.FromSeconds(1) };
        var slow = Group("slow", s_now - TimeSpan.FromSeconds(40), Rule("B"));

        var status = AlertingStatus.Assess([slow, fast], [], s_now);

        Assert.Equal(AlertingState.Stale, status.State);
        Assert.Equal("Rules last evaluated 4 s ago — alerts may be stale", status.Notes[0]);
        Assert.Equal(s_now - TimeSpan.FromSeconds(40), status.LastEvaluation);
    }

    [Fact]
    public void ManyFailingRules_ListTheFirstFive_AndCountTheRest()
    {
        var rules = Enumerable.Range(1, 7)
            .Select(i => Rule($"R{i}", PrometheusRuleType.Recording) with { Health = PrometheusRuleHealth.Err, LastError = "boom\n  again" })
            .Append(Rule("A"))
            .ToArray();

        var status = AlertingStatus.Assess([Group("g", s_now, rules)], [], s_now);

        Assert.Equal(AlertingState.Degraded, status.State);
        Assert.Equal(7, status.Failures.Count);
        Assert.Equal("Recording rule R1 (g) fails: boom again", status.Notes[0]);
        Assert.Equal("… and 2 more failing rules", status.Notes[^1]);
        Assert.Equal(6, status.Notes.Count);
    }

    [Fact]
    public void TheDefaultExpectedRules_AreTheAlertsOfTheShippedRuleFile()
    {
        using var stream = typeof(AlertingStatusTests).Assembly.GetManifestResourceStream("Deploy.barberpro-alerts.yml")!;
        var text = new StreamReader(stream).ReadToEnd();

        var shipped = AlertName().Matches(text).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(6, shipped.Count);
        Assert.Equal(shipped, LiveOptions.DefaultExpectedAlertRules);
    }

    [Fact]
    public void ConfiguredExpectedRules_ReplaceTheDefault()
    {
        var options = Bind(new() { ["Live:ExpectedAlertRules:0"] = "HighErrorRate", ["Live:ExpectedAlertRules:1"] = "BookingBacklog" });

        Assert.Equal(["HighErrorRate", "BookingBacklog"], options.EffectiveExpectedAlertRules);
        Assert.Equal(6, Bind([]).EffectiveExpectedAlertRules.Count);
    }

    [Fact]
    public void BlankOrRepeatedExpectedRules_AreRefusedAtStartUp_InOneMessage()
    {
        var options = new LiveOptions { ExpectedAlertRules = ["HighErrorRate", " ", "HighErrorRate", "Padded "] };

        var result = new LiveOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Live:ExpectedAlertRules must not hold empty names or names with surrounding spaces.",
                "Live:ExpectedAlertRules lists HighErrorRate more than once.",
            ],
            result.Failures);
    }

    private static LiveOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new LiveOptions();
        configuration.GetSection(LiveOptions.SectionName).Bind(options);
        return options;
    }

    private static PrometheusRuleGroup Group(string name, DateTimeOffset? lastEvaluation, params PrometheusRule[] rules) =>
        new(name, "rules/" + name + ".yml", TimeSpan.FromSeconds(15), lastEvaluation, rules);

    private static PrometheusRule Rule(string name, PrometheusRuleType type = PrometheusRuleType.Alerting) =>
        new(name, type, PrometheusRuleHealth.Ok, null, null);

    [GeneratedRegex(@"^\s*- alert:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertName();
}
