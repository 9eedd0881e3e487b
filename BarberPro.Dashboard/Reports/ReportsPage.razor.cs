using System.Globalization;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// The list of stored reports, newest first, searchable by a day they cover (in the URL: <c>/reports?day=2031-06-11</c>).
/// "Generate now" is shown to Managers and checked again on the server in its handler (<see cref="CircuitAccess"/>).
/// </summary>
public sealed partial class ReportsPage : IDisposable
{
    public const int Shown = 100;

    [Inject] private ReportStore Store { get; set; } = default!;
    [Inject] private ReportService Reports { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "day")] public string? DayQuery { get; set; }

    private ReportWords W => _words ??= new ReportWords(L);

    private DateOnly? Day => DateOnly.TryParseExact(DayQuery, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private string? DayText => Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private readonly CancellationTokenSource _disposed = new();
    private ReportWords? _words;
    private IReadOnlyList<ReportSummary>? _reports;
    private string? _error;
    private bool _generating;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _error = null;
            _reports = await Store.ListAsync(Day, Shown, _disposed.Token);
        }
        catch (ReportUnavailableException)
        {
            _error = L["Reports_Unavailable"];
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page was closed while the list was read.
        }
    }

    private void SearchAsync(string? value) =>
        Navigation.NavigateTo(ReportPaths.ListOn(DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null));

    internal async Task GenerateNowAsync()
    {
        if (!await Access.IsAllowedAsync(Policies.Manage))
        {
            Snackbar.Add(Access.RefusalMessage, Severity.Warning);
            return;
        }
        _generating = true;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var id = await Reports.GenerateNowAsync(user.Identity?.Name ?? "Manager", _disposed.Token);
            Navigation.NavigateTo(ReportPaths.Of(id));
        }
        catch (ReportUnavailableException)
        {
            Snackbar.Add(L["Reports_NotGenerated", L["Reports_Unavailable"]], Severity.Error);
        }
        finally
        {
            _generating = false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
