using System.Text.Json.Serialization;
using BarberPro.Core.Text;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Core.Checklists;

/// <summary>
/// A measured figure standing beside a checklist item as evidence: "99.95 % (24 h)", whether it meets its target, and
/// when it was measured. <paramref name="Target"/> is the target as text ("≥ 99.9 %"), when there is one.
/// An <see cref="ChecklistEvidenceKind.Informational"/> figure ("3 alerts fired overnight") has no target and no verdict:
/// it is shown without pass/fail (<paramref name="Passed"/> is true, so nothing treats it as a miss). <see cref="Link"/>
/// is a page of the dashboard where the figure can be looked into ("/alerts"), when there is one.
/// </summary>
public sealed record ChecklistEvidence(string Figure, bool Passed, DateTimeOffset AsOf, string? Target = null)
{
    /// <summary>Whether the figure is judged against a target (the default) or only informs.</summary>
    public ChecklistEvidenceKind Kind { get; init; } = ChecklistEvidenceKind.Verdict;

    /// <summary>A dashboard-relative link ("/alerts") to look into the figure, or null.</summary>
    public string? Link { get; init; }

    /// <summary>
    /// The figure as a phrase, which the page says in its reader's language (<see cref="Figure"/> is its English); null
    /// when the figure has no words to translate. Not stored: the evidence saved with a tick keeps the English it read.
    /// </summary>
    [JsonIgnore]
    public Phrase? Words { get; init; }

    /// <summary>The target as a phrase (<see cref="Target"/> is its English), or null; not stored either.</summary>
    [JsonIgnore]
    public Phrase? TargetWords { get; init; }

    /// <summary>The figure as its reader reads it, by <paramref name="say"/> (the page's localizer) when it has words.</summary>
    public string FigureIn(Func<Phrase, string> say) => Words is { } words ? say(words) : Figure;

    /// <summary>The target as its reader reads it, or null.</summary>
    public string? TargetIn(Func<Phrase, string> say) => TargetWords is { } words ? say(words) : Target;

    /// <summary>A figure said in a phrase (its English is <see cref="Figure"/>).</summary>
    public static ChecklistEvidence Informational(Phrase figure, DateTimeOffset asOf, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Informational(figure.English, asOf, link) with { Words = figure };
    }

    /// <summary>A figure with no verdict, e.g. "2 windows planned for tomorrow", optionally linking to where it comes from.</summary>
    public static ChecklistEvidence Informational(string figure, DateTimeOffset asOf, string? link = null)
    {
        if (link is not null && !(link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal)))
        {
            throw new ArgumentException("An evidence link is a path of the dashboard, starting with one '/'.", nameof(link));
        }

        return new ChecklistEvidence(figure, Passed: true, asOf) { Kind = ChecklistEvidenceKind.Informational, Link = link };
    }
}

/// <summary>What kind of evidence a figure is.</summary>
public enum ChecklistEvidenceKind
{
    /// <summary>Judged against a target: shown as pass or fail.</summary>
    Verdict,

    /// <summary>A count or a list to look at, with no verdict.</summary>
    Informational,
}

/// <summary>
/// Supplies evidence for the measurable checks. Template items carry an evidence key (see
/// <see cref="ChecklistEvidenceKeys"/>); the page asks for the keys of the items it shows and renders what comes back.
/// Keys with no current figure are simply absent: a missing figure is shown as nothing, never invented.
/// The live-panels feature replaces the default (registered with TryAddSingleton) with one that reads its snapshot.
/// Asynchronous: a provider may read the database (the reports' evidence does); most answer from memory at once.
/// </summary>
public interface IChecklistEvidenceProvider
{
    ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken);
}

/// <summary>The default until live figures are plugged in: no evidence at all.</summary>
public sealed class NoChecklistEvidence : IChecklistEvidenceProvider
{
    private static readonly Dictionary<string, ChecklistEvidence> s_none = [];

    public ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, ChecklistEvidence>>(s_none);
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

    /// <summary>Alert episodes that fired overnight (18:00–09:00 ART) and incidents open; links to /alerts. Item daily.morning.overnight-alerts.</summary>
    public const string OvernightAlerts = "overnight-alerts";

    /// <summary>Maintenance windows planned for tomorrow (Alertmanager silences). Item daily.evening.maintenance.</summary>
    public const string WindowsTomorrow = "windows-tomorrow";

    /// <summary>Maintenance windows planned for this week, Monday to Sunday ART. Item weekly.monday.maintenance.</summary>
    public const string WindowsThisWeek = "windows-week";

    /// <summary>Incidents open now; links to /incidents. Item daily.evening.incidents.</summary>
    public const string OpenIncidents = "open-incidents";

    /// <summary>Resolved incidents without a post-mortem link, and open ones; links to /incidents. Item weekly.friday.post-mortems.</summary>
    public const string PostMortemsDue = "post-mortems-due";

    public static IReadOnlyList<string> All { get; } =
        [Uptime, Backups, ResourceUtilization, ResponseTime, ErrorRate, AutoScaling, Database, DailyReport, WeeklyReport,
         OvernightAlerts, WindowsTomorrow, WindowsThisWeek, OpenIncidents, PostMortemsDue];
}

/// <summary>How a feature adds its evidence keys to the checklists' provider: by wrapping the one registered so far.</summary>
public static class ChecklistEvidenceRegistration
{
    /// <summary>
    /// Replaces the <see cref="IChecklistEvidenceProvider"/> registered so far with <paramref name="wrap"/> of it (with none
    /// registered yet, of <see cref="NoChecklistEvidence"/>; the checklists' own TryAdd then leaves the wrapper in place,
    /// so a feature that adds evidence registers after AddChecklists).
    /// </summary>
    public static void Decorate(IServiceCollection services, Func<IServiceProvider, IChecklistEvidenceProvider, IChecklistEvidenceProvider> wrap)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(wrap);
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IChecklistEvidenceProvider));
        if (existing is not null)
        {
            services.Remove(existing);
        }

        services.AddSingleton<IChecklistEvidenceProvider>(sp => wrap(sp, existing switch
        {
            null => new NoChecklistEvidence(),
            { ImplementationInstance: IChecklistEvidenceProvider instance } => instance,
            { ImplementationFactory: { } factory } => (IChecklistEvidenceProvider)factory(sp),
            { ImplementationType: { } type } => (IChecklistEvidenceProvider)ActivatorUtilities.CreateInstance(sp, type),
            _ => new NoChecklistEvidence(),
        }));
    }
}
