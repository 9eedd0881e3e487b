using System.Text.RegularExpressions;

namespace BarberPro.Core.Tests.Alerts;

/// <summary>Every alert rule links a runbook that exists and has its three parts.</summary>
public sealed partial class RunbookTests
{
    [Fact]
    public void EveryAlertRule_HasARunbookUrlToAnExistingPageWithItsParts()
    {
        var rules = File.ReadAllText(RepositoryFiles.PathOf("deploy/prometheus/rules/barberpro-alerts.yml"));
        var alerts = AlertName().Matches(rules).Select(m => m.Groups[1].Value).ToArray();
        var urls = RunbookUrl().Matches(rules).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(
            ["HighResponseTime", "HighErrorRate", "DatabaseConnectionFailure", "RedisConnectionFailure", "HighCPUUsage", "HighMemoryUsage"],
            alerts);
        Assert.Equal(alerts.Select(a => $"docs/runbooks/{a}.md"), urls);
        foreach (var url in urls)
        {
            var page = File.ReadAllText(RepositoryFiles.PathOf(url));
            Assert.Contains("## What it means", page, StringComparison.Ordinal);
            Assert.Contains("## How to check", page, StringComparison.Ordinal);
            Assert.Contains("## What to do", page, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\s+- alert: (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AlertName();

    [GeneratedRegex(@"^\s+runbook_url: ""([^""]+)""\s*$", RegexOptions.Multiline)]
    private static partial Regex RunbookUrl();
}
