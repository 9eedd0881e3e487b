using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// What the incident pages share: whether the user may write (<see cref="IncidentPolicies.Write"/>; the commands check
/// again on the server), and reading the database again when any instance records or writes something
/// (<see cref="IncidentSummaryStore.Changed"/>), at most one read pending however fast the changes come.
/// </summary>
public abstract class IncidentComponent : ComponentBase, IDisposable
{
    /// <summary>The circuit's language, put back in work that other threads hand to InvokeAsync (<see cref="CircuitCulture"/>).</summary>
    private readonly CircuitCulture _culture = CircuitCulture.Capture();
    private int _reloadPending;
    private bool _subscribed;

    protected CancellationTokenSource Disposed { get; } = new();

    protected bool CanWrite { get; set; }

    [Inject] private IncidentSummaryStore Summaries { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    /// <summary>Reads what the page shows (called on each parameter change and after each change of this process).</summary>
    protected abstract Task LoadAsync();

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        CanWrite = (await Authorization.AuthorizeAsync(user, IncidentPolicies.Write)).Succeeded;
        await LoadAsync();
        if (!_subscribed)
        {
            Summaries.Changed += OnChanged;
            _subscribed = true;
        }
    }

    public void Dispose()
    {
        if (_subscribed)
        {
            Summaries.Changed -= OnChanged;
        }

        Disposed.Cancel();
        Disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnChanged(IncidentSummary summary)
    {
        if (Interlocked.Exchange(ref _reloadPending, 1) == 1)
        {
            return;
        }

        _ = ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            await InvokeAsync(_culture.Wrap(async () =>
            {
                Volatile.Write(ref _reloadPending, 0);
                if (Disposed.IsCancellationRequested)
                {
                    return;
                }

                await LoadAsync();
                StateHasChanged();
            }));
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended first.
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }
}
