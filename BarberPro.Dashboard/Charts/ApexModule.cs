using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Charts;

/// <summary>
/// One import of <c>ApexChart.razor.js</c> shared by the charts of a grid and the grid itself (one module reference per
/// circuit's grid instead of one per chart). Each user holds it from <see cref="Acquire"/> to <see cref="ReleaseAsync"/>;
/// the last release disposes the module reference.
/// </summary>
public sealed class ApexModule(IJSRuntime js)
{
    private Task<IJSObjectReference>? _module;
    private int _users;

    public ApexModule Acquire()
    {
        Interlocked.Increment(ref _users);
        return this;
    }

    /// <summary>The module, imported on first use (only in a circuit: prerendering has no browser).</summary>
    public Task<IJSObjectReference> GetAsync() =>
        _module ??= js.InvokeAsync<IJSObjectReference>("import", ApexChart.ModulePath).AsTask();

    /// <summary>Whether the module was imported (nothing to free otherwise).</summary>
    public bool Imported => _module is not null;

    public async ValueTask ReleaseAsync()
    {
        if (Interlocked.Decrement(ref _users) > 0 || _module is null)
        {
            return;
        }

        try
        {
            var module = await _module;
            await module.DisposeAsync();
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or JSException)
        {
            // The circuit is gone (or the import failed): nothing to free in the browser.
        }
    }
}
