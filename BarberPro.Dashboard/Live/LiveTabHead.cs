using BarberPro.Core.Live;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// The tab's title and icon of a live page in a circuit: "▲ Degraded · Overview · BarberPro Ops" and the state's icon,
/// so a background tab tells when something breaks. The prerender writes them into the page's head
/// (<see cref="LiveHead"/>); in the circuit one small script call (<c>barberProLiveHead</c>, App.razor.js) changes them
/// when the worst state changes, instead of a title and head components (and their section outlets' renders) in every
/// circuit.
/// </summary>
public sealed class LiveTabHead(IJSRuntime js, string page)
{
    private (Level Level, string Icon, string Word)? _shown;

    /// <summary>The tab's title for <paramref name="view"/> on <paramref name="page"/>.</summary>
    public static string Title(LiveView view, string page)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"{view.Worst.Icon} {view.Worst.Word} · {page} · BarberPro Ops";
    }

    /// <summary>Sets the tab's title and icon when <paramref name="view"/>'s worst state differs from what it shows.</summary>
    public async Task ShowAsync(LiveView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var next = (view.Worst.Level, view.Worst.Icon, view.Worst.Word);
        if (_shown == next)
        {
            return;
        }
        _shown = next;
        try
        {
            await js.InvokeVoidAsync("barberProLiveHead", Title(view, page), LiveCss.Favicon(view.Worst.Level));
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: no tab to update.
        }
        catch (JSException)
        {
            // The page's script is missing: the tab keeps the title it has.
            _shown = null;
        }
    }
}
