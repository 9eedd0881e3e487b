using BarberPro.Core.Reports;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Reports;

/// <summary>One stored report as it was generated: each figure, its target, pass/fail and the change against the
/// previous period, in the words and number formats of the person reading it (<see cref="ReportWords"/>). Nothing is
/// recomputed here.</summary>
public sealed partial class ReportPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private ReportWords? _words;

    [Inject] private ReportStore Store { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [Parameter] public long Id { get; set; }

    private Report? _report;
    private bool _missing;
    private string? _error;

    private ReportWords W => _words ??= new ReportWords(L);

    /// <summary>Text a report stored as it was said (a source's error): English, marked so inside a Spanish page.</summary>
    private string? StoredLanguage => W.IsEnglish ? null : Languages.English;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _error = null;
            _report = await Store.GetAsync(Id, _disposed.Token);
            _missing = _report is null;
        }
        catch (ReportUnavailableException)
        {
            _error = L["Reports_Unavailable"];
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was closed while the report was read.
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
