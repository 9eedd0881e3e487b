using BarberPro.Core.Checklists;
using BarberPro.Core.Reports;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// The checklist evidence of the host (the live panels' figures) plus the reports' own keys
/// (<see cref="ReportEvidence"/>). Registered by AddReports around whichever provider the host has.
/// </summary>
public sealed class ReportEvidenceProvider(IChecklistEvidenceProvider inner, ReportEvidence reports) : IChecklistEvidenceProvider
{
    public async ValueTask<IReadOnlyDictionary<string, ChecklistEvidence>> GetEvidenceAsync(IReadOnlyCollection<string> evidenceKeys, CancellationToken cancellationToken)
    {
        var own = await reports.GetEvidenceAsync(evidenceKeys, cancellationToken);
        if (own.Count == 0)
        {
            return await inner.GetEvidenceAsync(evidenceKeys, cancellationToken);
        }
        var merged = new Dictionary<string, ChecklistEvidence>(
            await inner.GetEvidenceAsync([.. evidenceKeys.Except(ReportEvidence.Keys)], cancellationToken), StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }
        return merged;
    }
}
