using BarberPro.Core.Reports;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// The charts stored with a report (<see cref="ReportContent.Charts"/>), drawn once after the first interactive render
/// with the app's <see cref="ApexChart"/> from the stored values (<see cref="ReportChartShaper"/>); nothing is queried.
/// The four charts share one import of the chart module.
/// </summary>
public sealed partial class ReportCharts : ComponentBase, IAsyncDisposable
{
    private readonly Dictionary<string, ApexChart> _charts = new(StringComparer.Ordinal);
    private ApexModule? _module;
    private bool _drawn;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    private ReportWords? _words;

    private ReportWords W => _words ??= new ReportWords(L);

    /// <summary>The stored charts; null for a report stored before charts were kept.</summary>
    [Parameter] public IReadOnlyList<ReportChart>? Charts { get; set; }

    [Parameter, EditorRequired] public ReportPeriod Period { get; set; } = default!;

    protected override void OnInitialized() => _module = new ApexModule(JS).Acquire();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_drawn || Charts is null)
        {
            return;
        }
        _drawn = true;
        try
        {
            foreach (var chart in Charts.Where(c => c.Error is null))
            {
                if (_charts.TryGetValue(chart.Key, out var apex))
                {
                    await apex.DrawAsync(ReportChartShaper.Shape(chart, W.ChartLabels(chart, Period)));
                }
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit closed while drawing: nothing left to draw in.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await _module.ReleaseAsync();
        }
    }
}
