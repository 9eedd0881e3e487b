using System.Globalization;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BarberPro.Dashboard.Reports;

/// <summary>
/// The list of stored reports, newest first, searchable by a day they cover (in the URL: <c>/reports?day=2031-06-11</c>).
/// "Generate now" is shown to Managers and checked again on the server in its handler (<see cref="CircuitAccess"/>).
/// </summary>
public sealed partial class ReportsPage
{
    public const int Shown = 100;

    [Inject] private ReportStore Store { get; set; } = default!;
    [Inject] private ReportService Reports { get; set; } = default!;
    [Inject] private CircuitAccess Access { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "day")] public string? DayQuery { get; set; }

    private DateOnly? Day => DateOnly.TryParseExact(DayQuery, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private string? DayText => Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IReadOnlyList<ReportSummary>? _reports;
    private string? _error;
    private bool _generating;

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            _error = null;
            _reports = await Store.ListAsync(Day, Shown, CancellationToken.None);
        }
        catch (ReportUnavailableException ex)
        {
            _error = ex.Message;
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
            var id = await Reports.GenerateNowAsync(user.Identity?.Name ?? "Manager", CancellationToken.None);
            Navigation.NavigateTo(ReportPaths.Of(id));
        }
        catch (ReportUnavailableException ex)
        {
            Snackbar.Add("Not generated: " + ex.Message, Severity.Error);
        }
        finally
        {
            _generating = false;
        }
    }
}
