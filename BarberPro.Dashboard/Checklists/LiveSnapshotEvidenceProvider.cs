using BarberPro.Core.Checklists;
using BarberPro.Core.Live;
using BarberPro.Core.Text;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// Evidence for the measurable checklist items, read from the live panels' latest snapshot (the same numbers the
/// overview shows, never a query of its own). A figure the snapshot does not hold is absent, not invented; a stale
/// panel's figures are shown as stale with their own as-of time. Backups have no metric among the panels yet, so that
/// key gets nothing. Singleton: it only reads the snapshot store.
/// </summary>
public sealed class LiveSnapshotEvidenceProvider(LiveSnapshotStore snapshots) : IChecklistEvidenceProvider
{
    /// <summary>Evidence key → the panel and the figures of that panel that stand for it.</summary>
    private static readonly Dictionary<string, (string Panel, string[] Figures)> s_sources = new(StringComparer.Ordinal)
    {
        [ChecklistEvidenceKeys.Uptime] = (PrometheusPanelSources.Availability, ["avail24h"]),
        [ChecklistEvidenceKeys.ResponseTime] = (PrometheusPanelSources.Latency, ["avg", "p95"]),
        [ChecklistEvidenceKeys.ErrorRate] = (PrometheusPanelSources.Errors, ["ratio5xx"]),
        [ChecklistEvidenceKeys.AutoScaling] = (PrometheusPanelSources.Scaling, ["current", "desired"]),
        [ChecklistEvidenceKeys.ResourceUtilization] = (PrometheusPanelSources.Scaling, ["cpu", "memory"]),
        [ChecklistEvidenceKeys.Database] = (PrometheusPanelSources.Dependencies, ["postgres"]),
    };

    public ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetEvidence(evidenceKeys));

    private IReadOnlyDictionary<string, ChecklistEvidence> GetEvidence(IReadOnlyCollection<string> evidenceKeys)
    {
        var snapshot = snapshots.Current;
        var evidence = new Dictionary<string, ChecklistEvidence>(StringComparer.Ordinal);
        foreach (var key in evidenceKeys)
        {
            if (!s_sources.TryGetValue(key, out var source)
                || snapshot.Find(source.Panel) is not { AsOf: { } asOf } panel
                || panel.Status == PanelStatus.Error)
            {
                continue;
            }
            var figures = source.Figures.Select(panel.Find).OfType<Figure>().Where(f => f.Value is not null).ToList();
            if (figures.Count != source.Figures.Length)
            {
                continue;
            }
            // Said in phrases (the tiles' own), so the page words the figure in its reader's language.
            var words = Phrase.Join(" · ", figures.Select(f => f.Words is { } w
                ? Phrase.Numbers("{0} {1}", w.Label, w.Display)
                : Phrase.Text($"{f.Label} {f.Display}")));
            if (panel.Status == PanelStatus.Stale)
            {
                words = Phrase.Of("Checklists_Ev_Stale", "{0} (stale)", words);
            }
            var targets = figures.Select(f => f.Words?.Target ?? (f.Target is { } t ? Phrase.Text(t) : null)).OfType<Phrase>()
                .DistinctBy(p => p.English, StringComparer.Ordinal).ToList();
            var target = targets.Count == 0 ? null : Phrase.Join(", ", targets);
            evidence[key] = new ChecklistEvidence(words.English, figures.All(f => f.Level == Level.Ok), asOf, target?.English)
            {
                Words = words,
                TargetWords = target,
            };
        }
        return evidence;
    }
}
