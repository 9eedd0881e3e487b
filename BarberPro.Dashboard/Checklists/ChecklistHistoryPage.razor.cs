using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Checklists;

/// <summary>The most recent runs with their completion (a chart and a table) and who contributed.</summary>
public sealed partial class ChecklistHistoryPage : IDisposable
{
    /// <summary>Cancelled when the page goes (its reads stop with it).</summary>
    private readonly CancellationTokenSource _disposed = new();

    public const int Limit = 200;

    private IReadOnlyList<ChecklistRunSummary> _runs = [];
    private bool _unavailable;
    private bool _canManage;
    private ApexChart? _chart;
    private bool _drawn;

    [Inject] private ChecklistStore Store { get; set; } = default!;
    [Inject] private DatabaseOutage Outage { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>The HTTP request of the first (prerendered) response, to answer 503 when the database is down.</summary>
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canManage = (await Authorization.AuthorizeAsync(user, Policies.Manage)).Succeeded;
        try
        {
            _runs = await Store.GetHistoryAsync(Limit, _disposed.Token);
        }
        catch (ChecklistUnavailableException ex)
        {
            Outage.Refused("checklist history", ex);
            _unavailable = true;
            if (HttpContext is { Response.HasStarted: false } http)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_drawn || _chart is null || !RendererInfo.IsInteractive)
        {
            return;
        }
        _drawn = true;
        try
        {
            await _chart.DrawAsync(ChecklistHistoryChart.Shape(_runs, L));
        }
        catch (JSDisconnectedException)
        {
            // The page closed before its chart was drawn.
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
