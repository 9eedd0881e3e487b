using BarberPro.Core.Live;
using Microsoft.AspNetCore.Components;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// A component that shows the current <see cref="LiveView"/> and re-renders when it changes. It subscribes to the
/// process-wide <see cref="LiveViewStore"/> (no timer, no copy of past views: it keeps only the newest view's
/// reference), coalesces bursts to at most one pending render, and disposes the subscription with the component.
/// </summary>
public abstract class LiveViewComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private int _renderPending;

    [Inject]
    public LiveViewStore Views { get; set; } = null!;

    /// <summary>The view rendered now; replaced (never accumulated) when a newer one arrives.</summary>
    protected LiveView View { get; private set; } = null!;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        View = Views.Current;
        _subscription = Views.Subscribe(OnView);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription?.Dispose();
            _subscription = null;
        }
    }

    private void OnView(LiveView view)
    {
        // A render already queued will read the newest view when it runs: one pending render at most, whatever the burst.
        if (Interlocked.Exchange(ref _renderPending, 1) == 1)
        {
            return;
        }
        _ = RenderNewestAsync();
    }

    private async Task RenderNewestAsync()
    {
        try
        {
            await InvokeAsync(() =>
            {
                Volatile.Write(ref _renderPending, 0);
                if (_subscription is null)
                {
                    return;
                }
                View = Views.Current;
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the view's arrival and its render: nothing to show it to.
        }
    }
}
