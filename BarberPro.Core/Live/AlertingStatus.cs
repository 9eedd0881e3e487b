using BarberPro.Core.Prometheus;
using BarberPro.Core.Text;

namespace BarberPro.Core.Live;

/// <summary>Whether the alerts the panel lists can be trusted: "no alert" means calm only while alerting runs.</summary>
public enum AlertingState
{
    /// <summary>Every expected alerting rule is loaded, evaluated recently and without errors.</summary>
    Running,

    /// <summary>Rules evaluate, but an expected one is missing or some rule's evaluation fails.</summary>
    Degraded,

    /// <summary>The rules were last evaluated more than <see cref="AlertingStatus.StaleAfterIntervals"/> intervals ago.</summary>
    Stale,

    /// <summary>No alerting rule is loaded, or none has been evaluated yet: nothing can be said about alerts.</summary>
    Unknown,
}

/// <summary>A rule whose last evaluation failed, as Prometheus reports it (<c>health: err</c>, <c>lastError</c>).</summary>
public sealed record RuleFailure(string Rule, string Group, PrometheusRuleType Type, string Error);

/// <summary>
/// What <c>/api/v1/rules</c> says about alerting, with the sentences every screen shows: computed once per snapshot,
/// so the overview, the wall and the live API say the same thing.
/// </summary>
/// <param name="AlertingRules">Alerting rules loaded, in every group.</param>
/// <param name="LastEvaluation">The oldest last evaluation among the groups holding alerting rules; null before any.</param>
/// <param name="MissingRules">Expected alerting rules (<see cref="LiveOptions.ExpectedAlertRules"/>) not loaded.</param>
/// <param name="Failures">Rules (alerting or recording) whose last evaluation failed.</param>
/// <param name="Notes">What is wrong with alerting, one sentence each, worst first; empty while it runs.</param>
/// <param name="EmptyText">What the alert list says when it lists no alert; null when nothing can be said.</param>
/// <param name="NoteWords"><paramref name="Notes"/> as phrases, for each language's view (the notes are their English).</param>
/// <param name="EmptyWords"><paramref name="EmptyText"/> as a phrase.</param>
public sealed record AlertingStatus(
    AlertingState State,
    int AlertingRules,
    DateTimeOffset? LastEvaluation,
    IReadOnlyList<string> MissingRules,
    IReadOnlyList<RuleFailure> Failures,
    IReadOnlyList<string> Notes,
    string? EmptyText,
    [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<Phrase>? NoteWords = null,
    [property: System.Text.Json.Serialization.JsonIgnore] Phrase? EmptyWords = null)
{
    /// <summary>A group not evaluated for more than this many of its intervals is stale.</summary>
    public const int StaleAfterIntervals = 3;

    /// <summary>Failures listed by name on the panel; the rest are counted.</summary>
    public const int MaxFailuresShown = 5;

    private const int MaxErrorLength = 300;

    public const string NoRulesText = "No alerting rules loaded — alerts unknown";

    public const string NotEvaluatedText = "Alerting rules not evaluated yet — alerts unknown";

    public const string NoAlertText = "No alert is firing or pending.";

    /// <summary>The panel's level for alerting itself (the alerts it lists are judged apart).</summary>
    public Level Level => State switch
    {
        AlertingState.Running => Level.Ok,
        AlertingState.Unknown => Level.Unknown,
        _ => Level.Warning,
    };

    /// <summary>Judges the rule groups Prometheus reported at <paramref name="now"/> against the expected rule names.</summary>
    public static AlertingStatus Assess(IReadOnlyList<PrometheusRuleGroup> groups, IReadOnlyList<string> expectedRules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(expectedRules);
        var alertingGroups = groups.Where(g => g.Rules.Any(r => r.Type == PrometheusRuleType.Alerting)).ToList();
        var loaded = alertingGroups.SelectMany(g => g.Rules).Where(r => r.Type == PrometheusRuleType.Alerting)
            .Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var alertingRules = alertingGroups.Sum(g => g.Rules.Count(r => r.Type == PrometheusRuleType.Alerting));
        var missing = expectedRules.Where(name => !loaded.Contains(name)).ToList();
        var failures = groups
            .SelectMany(g => g.Rules.Where(r => r.Health == PrometheusRuleHealth.Err)
                .Select(r => new RuleFailure(r.Name, g.Name, r.Type, Shorten(r.LastError ?? "no error message"))))
            .ToList();
        var evaluated = alertingGroups.Where(g => g.LastEvaluation is not null).ToList();
        DateTimeOffset? oldest = evaluated.Count == 0 ? null : evaluated.Min(g => g.LastEvaluation!.Value);
        var stale = evaluated
            .Where(g => g.Interval > TimeSpan.Zero && now - g.LastEvaluation!.Value > g.Interval * StaleAfterIntervals)
            .MinBy(g => g.LastEvaluation!.Value);

        var state = alertingRules == 0 || evaluated.Count == 0 ? AlertingState.Unknown
            : stale is not null ? AlertingState.Stale
            : missing.Count > 0 || failures.Count > 0 ? AlertingState.Degraded
            : AlertingState.Running;

        var notes = new List<Phrase>();
        switch (state)
        {
            case AlertingState.Unknown:
                notes.Add(alertingRules == 0 ? NoRules : NotEvaluated);
                break;
            case AlertingState.Stale:
                notes.Add(Phrase.Of("Live_Alerting_LastEvaluated", "Rules last evaluated {0} ago — alerts may be stale",
                    Says.Ago(now - stale!.LastEvaluation!.Value)));
                break;
        }
        if (missing.Count > 0)
        {
            notes.Add(missing.Count == 1
                ? Phrase.Of("Live_Alerting_MissingOne", "Expected rule not loaded: {0}", string.Join(", ", missing))
                : Phrase.Of("Live_Alerting_MissingMany", "Expected rules not loaded: {0}", string.Join(", ", missing)));
        }
        foreach (var failure in failures.Take(MaxFailuresShown))
        {
            notes.Add(failure.Type == PrometheusRuleType.Alerting
                ? Phrase.Of("Live_Alerting_AlertingRuleFails", "Alerting rule {0} ({1}) fails: {2}", failure.Rule, failure.Group, failure.Error)
                : Phrase.Of("Live_Alerting_RecordingRuleFails", "Recording rule {0} ({1}) fails: {2}", failure.Rule, failure.Group, failure.Error));
        }
        if (failures.Count > MaxFailuresShown)
        {
            notes.Add(Phrase.Of("Live_Alerting_MoreFailing", "… and {0} more failing rules", Says.Count(failures.Count - MaxFailuresShown)));
        }

        var empty = state switch
        {
            AlertingState.Running => NoAlert,
            AlertingState.Degraded => Phrase.Of("Live_Alerting_NoAlertFromRunning", "No alert is firing or pending from the rules that run."),
            AlertingState.Stale => Phrase.Of("Live_Alerting_NoAlertAtLast", "No alert was firing or pending at the last evaluation."),
            _ => null,
        };
        return new AlertingStatus(state, alertingRules, oldest, missing, failures, [.. notes.Select(n => n.ToString())], empty?.ToString(),
            notes, empty);
    }

    private static readonly Phrase NoRules = Phrase.Of("Live_Alerting_NoRules", NoRulesText);

    private static readonly Phrase NotEvaluated = Phrase.Of("Live_Alerting_NotEvaluated", NotEvaluatedText);

    private static readonly Phrase NoAlert = Phrase.Of("Live_Alerting_NoAlert", NoAlertText);

    private static string Shorten(string error)
    {
        var oneLine = string.Join(' ', error.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxErrorLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxErrorLength), "…");
    }
}
