using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BarberPro.Dashboard.Checklists;

/// <summary>One run (today's, or a past one from the history) with its change log: a live <see cref="ChecklistRunView"/>.</summary>
public sealed partial class ChecklistRunPage : IDisposable
{
    /// <summary>Cancelled when the page goes (its reads stop with it).</summary>
    private readonly CancellationTokenSource _disposed = new();

    private ChecklistRun? _run;
    private string? _problem;
    private bool _canManage;

    [Inject] private IChecklistRunStore Store { get; set; } = default!;
    [Inject] private DatabaseOutage Outage { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>The HTTP request of the first (prerendered) response, to answer 400/404/503 with the message.</summary>
    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [Parameter] public string RunId { get; set; } = "";

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canManage = (await Authorization.AuthorizeAsync(user, Policies.Manage)).Succeeded;
        _run = null;
        _problem = null;
        if (!ChecklistRules.TryParseRunId(RunId, out var id))
        {
            _problem = L["Checklists_NotARunId", RunId ?? ""];
            SetStatus(StatusCodes.Status400BadRequest);
            return;
        }
        try
        {
            _run = await Store.GetRunAsync(id, _disposed.Token);
            if (_run is null)
            {
                _problem = L["Checklists_NoSuchRun", id];
                SetStatus(StatusCodes.Status404NotFound);
            }
        }
        catch (ChecklistUnavailableException ex)
        {
            Outage.Refused("checklist run page", ex);
            _problem = L["Checklists_UnavailableRun"];
            SetStatus(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private void SetStatus(int status)
    {
        if (HttpContext is { Response.HasStarted: false } http)
        {
            http.Response.StatusCode = status;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
