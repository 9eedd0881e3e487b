using BarberPro.Core.Alerts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Incidents;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// The checklists' evidence provider with the alert, window and incident items added (<see cref="IncidentEvidence"/>),
/// read from the newest alert inbox and incident summary of this process. Every other key goes to <paramref name="inner"/>.
/// </summary>
public sealed class IncidentEvidenceProvider(
    IChecklistEvidenceProvider inner, AlertInboxStore inbox, IncidentSummaryStore incidents, TimeProvider time) : IChecklistEvidenceProvider
{
    public async ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceKeys);
        var evidence = await inner.GetEvidenceAsync(evidenceKeys, cancellationToken);
        if (!evidenceKeys.Any(IncidentEvidence.Keys.Contains))
        {
            return evidence;
        }

        var combined = new Dictionary<string, ChecklistEvidence>(evidence, StringComparer.Ordinal);
        foreach (var (key, value) in IncidentEvidence.Compute(evidenceKeys, inbox.Current, incidents.Current, time.GetUtcNow()))
        {
            combined[key] = value;
        }

        return combined;
    }
}
