namespace BarberPro.Core.Checklists;

/// <summary>
/// A measured figure standing beside a checklist item as evidence: "99.95 % (24 h)", whether it meets its target, and
/// when it was measured. <paramref name="Target"/> is the target as text ("≥ 99.9 %"), when there is one.
/// </summary>
public sealed record ChecklistEvidence(string Figure, bool Passed, DateTimeOffset AsOf, string? Target = null);

/// <summary>
/// Supplies evidence for the measurable checks. Template items carry an evidence key (see
/// <see cref="ChecklistEvidenceKeys"/>); the page asks for the keys of the items it shows and renders what comes back.
/// Keys with no current figure are simply absent: a missing figure is shown as nothing, never invented.
/// The live-panels feature replaces the default (registered with TryAddSingleton) with one that reads its snapshot.
/// </summary>
public interface IChecklistEvidenceProvider
{
    IReadOnlyDictionary<string, ChecklistEvidence> GetEvidence(IReadOnlyCollection<string> evidenceKeys);
}

/// <summary>The default until live figures are plugged in: no evidence at all.</summary>
public sealed class NoChecklistEvidence : IChecklistEvidenceProvider
{
    private static readonly Dictionary<string, ChecklistEvidence> s_none = [];

    public IReadOnlyDictionary<string, ChecklistEvidence> GetEvidence(IReadOnlyCollection<string> evidenceKeys) => s_none;
}

/// <summary>The evidence keys the seeded templates use, and the live measure each one stands for.</summary>
public static class ChecklistEvidenceKeys
{
    /// <summary>Success ratio (24 h) against the 99.9 % SLA. Item daily.morning.uptime.</summary>
    public const string Uptime = "uptime";

    /// <summary>Backup completion, where a metric for it exists. Item daily.morning.backups.</summary>
    public const string Backups = "backups";

    /// <summary>CPU and memory utilisation against the HPA targets (70 %, 80 %). Item daily.morning.resource-trends.</summary>
    public const string ResourceUtilization = "resource-utilization";

    /// <summary>Average / p95 request duration against 100 ms. Item daily.performance.response-times.</summary>
    public const string ResponseTime = "response-time";

    /// <summary>5xx ratio against 0.1 %. Item daily.performance.error-rates.</summary>
    public const string ErrorRate = "error-rate";

    /// <summary>Pods current / desired within HPA min–max (5–50). Item daily.performance.auto-scaling.</summary>
    public const string AutoScaling = "auto-scaling";

    /// <summary>PostgreSQL up (pg_up) and its throughput. Item daily.performance.database.</summary>
    public const string Database = "database";

    /// <summary>Today's daily performance report exists (Core/Reports). Item daily.evening.performance-report.</summary>
    public const string DailyReport = "daily-report";

    /// <summary>This week's Monday–Friday performance report exists (Core/Reports). Item weekly.friday.performance-report.</summary>
    public const string WeeklyReport = "weekly-report";

    public static IReadOnlyList<string> All { get; } =
        [Uptime, Backups, ResourceUtilization, ResponseTime, ErrorRate, AutoScaling, Database, DailyReport, WeeklyReport];
}
