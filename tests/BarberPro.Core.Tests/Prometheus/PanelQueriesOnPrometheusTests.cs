using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Prometheus;

/// <summary>
/// The catalog's queries evaluated by Prometheus's own engine (<c>promtool test rules</c>, with the project's rule file
/// loaded) on fixed series, where the fake Prometheus could only replay answers: what <c>sum</c> and <c>max</c> do with
/// duplicate exporter series, and whether the 5xx tile and the HighErrorRate alert can disagree.
/// </summary>
public sealed class PanelQueriesOnPrometheusTests : IDisposable
{
    private readonly PanelQueryCatalog _catalog = new(Options.Create(new PanelQueryOptions()));
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("barberpro-promql-");

    [Fact]
    public async Task Pods_AreCountedOnce_WhileARestartedKubeStateMetricsLeavesOldAndNewSeries()
    {
        // The old exporter still reports 24 (its last value) while the new one reports 27, from 5 to 10 minutes.
        const string Old = "instance=\"10.0.0.1:8080\",pod=\"kube-state-metrics-7d9f-old\"";
        const string New = "instance=\"10.0.0.2:8080\",pod=\"kube-state-metrics-7d9f-new\"";
        const string Labels = "deployment=\"barberpro-backend\",namespace=\"barberpro\"";
        var series = new[]
        {
            ($"kube_deployment_status_replicas{{{Labels},{Old}}}", "24x10"),
            ($"kube_deployment_status_replicas{{{Labels},{New}}}", "_x4 27x10"),
            ($"kube_deployment_spec_replicas{{{Labels},{Old}}}", "24x10"),
            ($"kube_deployment_spec_replicas{{{Labels},{New}}}", "_x4 27x10"),
        };
        var none = new PanelQueryArguments();
        var checks = new List<(string Expr, string EvalTime, double? Value)>
        {
            // What the dashboard showed before: both exporters summed.
            ("sum(kube_deployment_status_replicas{deployment=\"barberpro-backend\"})", "6m", 51),
            (_catalog.Render(PanelQueryKeys.PodsCurrent, none), "2m", 24),
            (_catalog.Render(PanelQueryKeys.PodsCurrent, none), "6m", 27),
            (_catalog.Render(PanelQueryKeys.PodsCurrent, none), "12m", 27),
            (_catalog.Render(PanelQueryKeys.PodsDesired, none), "6m", 27),
            (_catalog.Render(PanelQueryKeys.PodsAverage, new PanelQueryArguments { Window = TimeSpan.FromMinutes(5) }), "12m", 27),
        };

        var (exitCode, output) = await RunAsync(series, checks);

        Assert.True(exitCode == 0, "promtool test rules failed:\n" + output);
    }

    [Fact]
    public async Task The5xxTile_IsNeverBelowTheAlertLevelWhileHighErrorRateFires()
    {
        // 100 requests/s, and 4 failures/s for the first three minutes, then none.
        var series = new[]
        {
            ("http_requests_total{job=\"barberpro\",code=\"200\",method=\"GET\"}", "0+6000x14"),
            ("http_requests_total{job=\"barberpro\",code=\"500\",method=\"GET\"}", "0+240x3 720x11"),
        };
        var tile = _catalog.Render(PanelQueryKeys.ErrorRatio5xx,
            new PanelQueryArguments { Rate = _catalog.RateWindowFor(PanelQueryKeys.ErrorRatio5xx, _catalog.InstantRateWindow) });
        var before = _catalog.Render(PanelQueryKeys.ErrorRatio5xx, new PanelQueryArguments { Rate = _catalog.InstantRateWindow });
        var critical = new ThresholdOptions().ErrorRatioCritical.ToString(CultureInfo.InvariantCulture);
        const string Firing = "count(ALERTS{alertname=\"HighErrorRate\",alertstate=\"firing\"})";
        var checks = new List<(string Expr, string EvalTime, double? Value)>
        {
            // The alert does fire in this run, and the tile is critical then.
            (Firing, "3m", 1),
            (Firing, "5m", 1),
            ($"({tile}) > bool {critical}", "5m", 1),

            // The instant window the tile used before had already fallen to 0 % while the alert fired.
            ($"{Firing} and on() (({before}) <= {critical})", "5m", 1),
        };

        // At no minute does the alert fire while the tile is below the alert level.
        for (var minute = 0; minute <= 13; minute++)
        {
            checks.Add(($"{Firing} and on() (({tile}) <= {critical})", $"{minute}m", null));
        }

        var (exitCode, output) = await RunAsync(series, checks);

        Assert.True(exitCode == 0, "promtool test rules failed:\n" + output);
    }

    [Fact]
    public void TheHighErrorRateRule_UsesTheTilesWindowAndAlertLevel()
    {
        var rules = File.ReadAllText(RepositoryFiles.PathOf("deploy/prometheus/rules/barberpro-alerts.yml"));
        var rule = Regex.Match(rules, @"- alert: HighErrorRate\s+expr: \|(?<expr>.*?)\n\s+for:", RegexOptions.Singleline);
        Assert.True(rule.Success, "HighErrorRate not found in the rule file");

        var windows = Regex.Matches(rule.Groups["expr"].Value, @"\[(\w+)\]").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([PromQl.FormatDuration(_catalog.ErrorRatioWindow), PromQl.FormatDuration(_catalog.ErrorRatioWindow)], windows);
        Assert.EndsWith("> " + new ThresholdOptions().ErrorRatioCritical.ToString(CultureInfo.InvariantCulture), rule.Groups["expr"].Value.Trim(), StringComparison.Ordinal);
    }

    /// <summary>One promtool unit test with the project's rule file; a null value expects no sample at all.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<(string Series, string Values)> series,
        IEnumerable<(string Expr, string EvalTime, double? Value)> checks)
    {
        File.Copy(RepositoryFiles.PathOf("deploy/prometheus/rules/barberpro-alerts.yml"), Path.Combine(_dir.FullName, "rules.yml"));
        var yaml = new StringBuilder();
        yaml.AppendLine("rule_files: [rules.yml]");
        yaml.AppendLine("evaluation_interval: 1m");
        yaml.AppendLine("tests:");
        yaml.AppendLine("  - interval: 1m");
        yaml.AppendLine("    input_series:");
        foreach (var (name, values) in series)
        {
            yaml.AppendLine($"      - series: {Quote(name)}");
            yaml.AppendLine($"        values: {Quote(values)}");
        }

        yaml.AppendLine("    promql_expr_test:");
        foreach (var (expr, evalTime, value) in checks)
        {
            yaml.AppendLine($"      - expr: {Quote(expr)}");
            yaml.AppendLine($"        eval_time: {evalTime}");
            yaml.AppendLine(value is { } v
                ? $"        exp_samples: [{{labels: '{{}}', value: {v.ToString(CultureInfo.InvariantCulture)}}}]"
                : "        exp_samples: []");
        }

        var file = Path.Combine(_dir.FullName, "test.yml");
        await File.WriteAllTextAsync(file, yaml.ToString());
        return await Promtool.RunAsync(null, "test", "rules", file);

        static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
