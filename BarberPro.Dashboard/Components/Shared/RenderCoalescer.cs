using BarberPro.Dashboard.Localization;

namespace BarberPro.Dashboard.Components.Shared;

/// <summary>
/// At most one render pending, however fast news arrives: a component that re-renders when a process-wide store
/// publishes (a live view, the alert inbox) calls <see cref="Request"/> from the publisher's thread; the first request
/// queues one render on the component's dispatcher, and requests arriving before it runs join it (the render reads the
/// newest state when it runs, so nothing is lost and no backlog of renders builds up in a slow circuit). The render
/// runs in the culture the coalescer was made in (the component's, i.e. its circuit's language; see
/// <see cref="CircuitCulture"/>), not the publisher's.
/// </summary>
/// <example>
/// In a component (its <c>InvokeAsync</c> and its own render step):
/// <code>
/// _renders = new RenderCoalescer(InvokeAsync, () => { Inbox = Store.Current; StateHasChanged(); });
/// _subscription = Store.Subscribe(_ => _renders.Request());
/// // Dispose: _subscription.Dispose(); _renders.Stop();
/// </code>
/// </example>
public sealed class RenderCoalescer
{
    private readonly Func<Action, Task> _invokeAsync;
    private readonly Action _render;
    private readonly CircuitCulture _culture = CircuitCulture.Capture();
    private int _pending;
    private volatile bool _stopped;

    /// <param name="invokeAsync">Runs an action on the component's dispatcher (the component's <c>InvokeAsync</c>).</param>
    /// <param name="render">Takes the newest state and calls <c>StateHasChanged</c>; runs on the dispatcher.</param>
    public RenderCoalescer(Func<Action, Task> invokeAsync, Action render)
    {
        ArgumentNullException.ThrowIfNull(invokeAsync);
        ArgumentNullException.ThrowIfNull(render);
        _invokeAsync = invokeAsync;
        _render = render;
    }

    /// <summary>Whether a render is queued and has not started yet.</summary>
    public bool Pending => Volatile.Read(ref _pending) == 1;

    /// <summary>Asks for a render with the newest state; returns at once (any thread).</summary>
    public void Request()
    {
        if (_stopped || Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }
        _ = RenderAsync();
    }

    /// <summary>No render after this one (the component is being disposed); a queued one does nothing.</summary>
    public void Stop() => _stopped = true;

    private async Task RenderAsync()
    {
        try
        {
            await _invokeAsync(_culture.Wrap(() =>
            {
                // Cleared before the render reads the state: news arriving during the render queues the next one.
                Volatile.Write(ref _pending, 0);
                if (!_stopped)
                {
                    _render();
                }
            }));
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended between the request and its render: nothing to show it to.
        }
    }
}
