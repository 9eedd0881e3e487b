using BarberPro.Core.Checklists;
using BarberPro.Core.Reports;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// The checklist evidence of the host (the live panels' figures) plus the reports' own keys
/// (<see cref="ReportEvidence"/>). Registered by AddReports around whichever provider the host has.
/// </summary>
public sealed class ReportEvidenceProvider(IChecklistEvidenceProvider inner, ReportEvidence reports) : IChecklistEvidenceProvider
{
    public IReadOnlyDictionary<string, ChecklistEvidence> GetEvidence(IReadOnlyCollection<string> evidenceKeys)
    {
        var own = reports.GetEvidence(evidenceKeys);
        if (own.Count == 0)
        {
            return inner.GetEvidence(evidenceKeys);
        }
        var merged = new Dictionary<string, ChecklistEvidence>(inner.GetEvidence([.. evidenceKeys.Except(ReportEvidence.Keys)]), StringComparer.Ordinal);
        foreach (var (key, value) in own)
        {
            merged[key] = value;
        }
        return merged;
    }
}
