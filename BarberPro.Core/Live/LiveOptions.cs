using Microsoft.Extensions.Options;

namespace BarberPro.Core.Live;

/// <summary>Section <c>Live</c>: how often the panels are refreshed and what they are judged against.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How often the poller reads every panel and pushes one snapshot to all viewers. 1 s to 5 min.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one panel's read may take before it counts as failed. Defaults to the poll interval, so a
    /// hanging Prometheus turns panels stale within two intervals.</summary>
    public TimeSpan? PanelTimeout { get; set; }

    public TimeSpan EffectivePanelTimeout => PanelTimeout ?? PollInterval;

    /// <summary>The cities whose probe latency the edge panel lists, in this order.</summary>
    public string[] Cities { get; set; } = ["Buenos Aires", "Córdoba", "Rosario", "Mendoza"];

    /// <summary>
    /// Alerting rules that must be loaded in Prometheus; the Alerts panel names any that is missing. Unset means the six
    /// of <c>deploy/prometheus/rules/barberpro-alerts.yml</c> (<see cref="DefaultExpectedAlertRules"/>).
    /// </summary>
    public string[]? ExpectedAlertRules { get; set; }

    // Null rather than a filled array: configuration binding appends to an array it finds, so a default here could
    // never be replaced by the configured list.
    public IReadOnlyList<string> EffectiveExpectedAlertRules => ExpectedAlertRules ?? DefaultExpectedAlertRules;

    public static IReadOnlyList<string> DefaultExpectedAlertRules { get; } =
    [
        "HighResponseTime", "HighErrorRate", "DatabaseConnectionFailure", "RedisConnectionFailure", "HighCPUUsage", "HighMemoryUsage",
    ];

    public ThresholdOptions Thresholds { get; set; } = new();
}

/// <summary>Targets and alert levels from the seeds; every one is configuration, not a constant.</summary>
public sealed class ThresholdOptions
{
    public double SlaTarget { get; set; } = 0.999;

    public double LatencyAverageMs { get; set; } = 100;

    public double LatencyP95Ms { get; set; } = 100;

    public double LatencyP99Ms { get; set; } = 250;

    /// <summary>5xx share that is fine (0.1 %) and the share the HighErrorRate alert fires at (1 %).</summary>
    public double ErrorRatioTarget { get; set; } = 0.001;

    public double ErrorRatioCritical { get; set; } = 0.01;

    public double SustainedRps { get; set; } = 8500;

    public double PeakRps { get; set; } = 12000;

    /// <summary>Share of the capacity the HPA maximum gives (requests/s per pod now × HPA max) above which
    /// requests/s is a warning (0.8, as the pods tile warns at 80 % of the HPA maximum).</summary>
    public double CapacityWarning { get; set; } = 0.8;

    public double CpuTarget { get; set; } = 0.70;

    public double CpuAlert { get; set; } = 0.80;

    public double MemoryTarget { get; set; } = 0.80;

    public double MemoryAlert { get; set; } = 0.90;

    public double EdgeLatencyMs { get; set; } = 100;

    /// <summary>Multi-window burn-rate thresholds of the SRE workbook: 1 h with 5 m, and 6 h with 30 m.</summary>
    public double FastBurnRate { get; set; } = 14.4;

    public double SlowBurnRate { get; set; } = 6;
}

public sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Live:PollInterval must be between 00:00:01 and 00:05:00 (was {options.PollInterval}).");
        }
        if (options.PanelTimeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > options.PollInterval * 2))
        {
            failures.Add("Live:PanelTimeout must be positive and at most twice Live:PollInterval, or the panels cannot turn stale in time.");
        }
        if (options.Cities.Length == 0 || options.Cities.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Live:Cities must list at least one city and no empty names.");
        }
        if (options.ExpectedAlertRules is { } rules)
        {
            if (rules.Any(r => string.IsNullOrWhiteSpace(r) || r.Trim() != r))
            {
                failures.Add("Live:ExpectedAlertRules must not hold empty names or names with surrounding spaces.");
            }
            var duplicates = rules.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                failures.Add($"Live:ExpectedAlertRules lists {string.Join(", ", duplicates)} more than once.");
            }
        }
        var t = options.Thresholds;
        Fraction(failures, "SlaTarget", t.SlaTarget, exclusiveOne: true);
        Fraction(failures, "ErrorRatioTarget", t.ErrorRatioTarget);
        Fraction(failures, "ErrorRatioCritical", t.ErrorRatioCritical);
        Fraction(failures, "MemoryTarget", t.MemoryTarget);
        Fraction(failures, "MemoryAlert", t.MemoryAlert);
        Fraction(failures, "CapacityWarning", t.CapacityWarning);
        Positive(failures, "LatencyAverageMs", t.LatencyAverageMs);
        Positive(failures, "LatencyP95Ms", t.LatencyP95Ms);
        Positive(failures, "LatencyP99Ms", t.LatencyP99Ms);
        Positive(failures, "SustainedRps", t.SustainedRps);
        Positive(failures, "PeakRps", t.PeakRps);
        Positive(failures, "CpuTarget", t.CpuTarget);
        Positive(failures, "CpuAlert", t.CpuAlert);
        Positive(failures, "EdgeLatencyMs", t.EdgeLatencyMs);
        Positive(failures, "FastBurnRate", t.FastBurnRate);
        Positive(failures, "SlowBurnRate", t.SlowBurnRate);
        if (t.ErrorRatioCritical < t.ErrorRatioTarget)
        {
            failures.Add("Live:Thresholds:ErrorRatioCritical must be at least Live:Thresholds:ErrorRatioTarget.");
        }
        if (t.CpuAlert < t.CpuTarget)
        {
            failures.Add("Live:Thresholds:CpuAlert must be at least Live:Thresholds:CpuTarget.");
        }
        if (t.MemoryAlert < t.MemoryTarget)
        {
            failures.Add("Live:Thresholds:MemoryAlert must be at least Live:Thresholds:MemoryTarget.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Fraction(List<string> failures, string name, double value, bool exclusiveOne = false)
    {
        if (double.IsNaN(value) || value <= 0 || value > 1 || (exclusiveOne && value >= 1))
        {
            failures.Add($"Live:Thresholds:{name} must be a fraction between 0 and 1 (was {value}).");
        }
    }

    private static void Positive(List<string> failures, string name, double value)
    {
        if (double.IsNaN(value) || value <= 0)
        {
            failures.Add($"Live:Thresholds:{name} must be positive (was {value}).");
        }
    }
}
