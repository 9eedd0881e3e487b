using BarberPro.Core.Reports;
using Microsoft.AspNetCore.Components;

namespace BarberPro.Dashboard.Reports;

/// <summary>One stored report as it was generated: each figure, its target, pass/fail and the change against the
/// previous period. Nothing is recomputed here.</summary>
public sealed partial class ReportPage
{
    [Inject] private ReportStore Store { get; set; } = default!;

    [Parameter] public long Id { get; set; }

    private Report? _report;
    private bool _missing;
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _report = await Store.GetAsync(Id, CancellationToken.None);
            _missing = _report is null;
        }
        catch (ReportUnavailableException ex)
        {
            _error = ex.Message;
        }
    }
}
