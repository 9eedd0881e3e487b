using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BarberPro.Dashboard.Checklists;

/// <summary>Today's daily run and this week's weekly run, each a live <see cref="ChecklistRunView"/>.</summary>
public sealed partial class ChecklistsPage : IDisposable
{
    /// <summary>Cancelled when the page goes (its reads stop with it).</summary>
    private readonly CancellationTokenSource _disposed = new();

    private readonly List<ChecklistRun> _runs = [];
    private bool _unavailable;
    private bool _canManage;

    [Inject] private IChecklistRunStore Store { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
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
            _runs.Add(await Store.GetCurrentRunAsync(ChecklistCadence.Daily, _disposed.Token));
            _runs.Add(await Store.GetCurrentRunAsync(ChecklistCadence.Weekly, _disposed.Token));
        }
        catch (ChecklistUnavailableException ex)
        {
            Outage.Refused("checklists page", ex);
            _runs.Clear();
            _unavailable = true;
            if (HttpContext is { Response.HasStarted: false } http)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            }
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
