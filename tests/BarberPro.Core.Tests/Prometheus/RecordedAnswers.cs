namespace BarberPro.Core.Tests.Prometheus;

/// <summary>Answers recorded byte for byte from Prometheus 2.42 (Prometheus/Recorded, README.md there says how).</summary>
internal static class RecordedAnswers
{
    /// <summary>When the recorded <c>/api/v1/rules</c> answers were fetched (groups evaluated every 15 s).</summary>
    public static readonly DateTimeOffset RulesFetchedAt = new(2026, 11, 29, 22, 25, 13, TimeSpan.Zero);

    /// <summary>The last evaluation of group barberpro.alerts in <see cref="RulesHealthy"/>.</summary>
    public static readonly DateTimeOffset HealthyAlertsGroupEvaluatedAt = DateTimeOffset.Parse("2026-11-29T22:24:59.2959991Z", System.Globalization.CultureInfo.InvariantCulture);

    public static string RulesHealthy => Read("rules-healthy.json");

    public static string RulesNoneLoaded => Read("rules-none-loaded.json");

    public static string RulesMissingHighCpuUsage => Read("rules-missing-HighCPUUsage.json");

    public static string RulesHighMemoryUsageError => Read("rules-HighMemoryUsage-error.json");

    public static string VictoriaMetricsRules => Read("victoriametrics-1.79-rules.json");

    public static string VictoriaMetricsAlerts => Read("victoriametrics-1.79-alerts.json");

    private static string Read(string name)
    {
        using var stream = typeof(RecordedAnswers).Assembly.GetManifestResourceStream("Recorded." + name)
            ?? throw new InvalidOperationException($"No recorded answer {name} is embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
