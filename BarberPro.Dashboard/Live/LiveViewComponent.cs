using BarberPro.Core.Live;
using BarberPro.Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// A component that shows the current <see cref="LiveView"/> and re-renders when it changes. It subscribes to the
/// process-wide <see cref="LiveViewStore"/> (no timer, no copy of past views: it keeps only the newest view's
/// reference), coalesces bursts to at most one pending render (<see cref="RenderCoalescer"/>), and disposes the subscription with the component.
/// </summary>
public abstract class LiveViewComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private RenderCoalescer? _renders;
    private LiveTabHead? _tab;

    [Inject]
    public LiveViewStore Views { get; set; } = null!;

    [Inject]
    public IJSRuntime JS { get; set; } = null!;

    /// <summary>A page's name for the tab's title ("Overview", in the circuit's language), whose title and icon then
    /// follow the worst state in a circuit (<see cref="LiveTabHead"/>); null for parts of a page.</summary>
    protected virtual string? TabPage => null;

    /// <summary>The view rendered now; replaced (never accumulated) when a newer one arrives.</summary>
    protected LiveView View { get; private set; } = null!;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The language of the views this component shows: the circuit's, which it keeps from its start.</summary>
    protected string Language { get; private set; } = BarberPro.Dashboard.Localization.Languages.English;

    protected override void OnInitialized()
    {
        Language = ResourceLiveWords.Current;
        View = Views.CurrentIn(Language);
        _renders = new RenderCoalescer(InvokeAsync, () =>
        {
            View = Views.CurrentIn(Language);
            StateHasChanged();
        });
        _subscription = Views.Subscribe(_ => _renders.Request(), Language);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (TabPage is { } page && RendererInfo.IsInteractive)
        {
            await (_tab ??= new LiveTabHead(JS, page)).ShowAsync(View);
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscription?.Dispose();
            _subscription = null;
            _renders?.Stop();
        }
    }
}
