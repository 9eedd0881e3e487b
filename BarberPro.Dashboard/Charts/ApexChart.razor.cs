using BarberPro.Core.Charts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Charts;

/// <summary>
/// An ApexCharts chart drawn by the collocated module (<c>ApexChart.razor.js</c>) from options shaped in C#
/// (<see cref="ApexOptions"/>, <see cref="ChartShaper"/>). The component keeps no series: it hands each options object
/// to the module, which holds the points the chart shows (the grid appends new points to all its charts in one call,
/// <see cref="Element"/>); the caller drops its copy after the call.
/// Draw and append are methods rather than parameters so that no render tree keeps a copy of the series per circuit.
/// </summary>
public sealed partial class ApexChart : ComponentBase, IAsyncDisposable
{
    public const string ModulePath = "./Charts/ApexChart.razor.js";

    private ElementReference _element;
    private ApexModule? _module;
    private bool _drawn;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The <see cref="ChartKeys"/> value, for tests and styles.</summary>
    [Parameter, EditorRequired] public string ChartKey { get; set; } = "";

    /// <summary>What a screen reader announces for the chart (title, unit, range).</summary>
    [Parameter] public string? Label { get; set; }

    /// <summary>The module shared with the other charts of a grid; without it the chart imports its own.</summary>
    [Parameter] public ApexModule? Module { get; set; }

    /// <summary>The element the module draws in (a grid appends to all its charts in one call).</summary>
    public ElementReference Element => _element;

    public bool IsDrawn => _drawn;

    /// <summary>Draws the chart, or replaces everything it shows.</summary>
    public async Task DrawAsync(ApexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var module = await ModuleAsync();
        await module.InvokeVoidAsync("draw", _element, options.ToJson());
        _drawn = true;
    }

    /// <summary>Scrolls the chart into view (drill-down from a tile).</summary>
    public async Task RevealAsync()
    {
        var module = await ModuleAsync();
        await module.InvokeVoidAsync("reveal", _element);
    }

    private Task<IJSObjectReference> ModuleAsync() => (_module ??= (Module ?? new ApexModule(JS)).Acquire()).GetAsync();

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            if (_drawn)
            {
                var module = await _module.GetAsync();
                await module.InvokeVoidAsync("destroy", _element);
            }

            await _module.ReleaseAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's chart with it: nothing to free on either side.
        }
        catch (OperationCanceledException)
        {
            // The import or the call was cut short by the circuit closing.
        }
    }
}
