using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BarberPro.Dashboard.Components.Themes;

/// <summary>
/// The page's theme: the shared, once-rendered stylesheet of <see cref="ThemeStylesheets"/> (instead of a
/// <see cref="MudThemeProvider"/> per circuit), and, in a circuit, the browser's light/dark preference and its changes
/// (MudBlazor's own script, <c>mudThemeProvider.isDarkMode</c>/<c>watchDarkMode</c>, which the provider used).
/// </summary>
public sealed partial class ThemeStyles : ComponentBase, IDisposable
{
    private DotNetObjectReference<ThemeStyles>? _self;
    private Func<bool, Task>? _onSystemDarkModeChanged;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>One of <see cref="DashboardThemes"/>' themes (the cache keeps one stylesheet per theme instance).</summary>
    [Parameter, EditorRequired] public MudTheme Theme { get; set; } = DashboardThemes.Light;

    /// <summary>Whether the theme's dark palette applies.</summary>
    [Parameter] public bool Dark { get; set; }

    /// <summary>The state colours written beside the theme (<see cref="DashboardThemes.StatusCss"/>).</summary>
    [Parameter, EditorRequired] public DashboardPalette Palette { get; set; } = DashboardThemes.LightPalette;

    /// <summary>Whether the browser prefers dark (in a circuit only); false when the browser cannot say.</summary>
    public async Task<bool> GetSystemDarkModeAsync()
    {
        try
        {
            return await JS.InvokeAsync<bool>("mudThemeProvider.isDarkMode");
        }
        catch (Exception ex) when (ex is JSException or System.Text.Json.JsonException)
        {
            // No answer, or not a boolean (a client other than blazor.web.js): the page keeps the light default.
            return false;
        }
    }

    /// <summary>Calls <paramref name="onChange"/> whenever the browser's preference changes (in a circuit only).</summary>
    public async Task WatchSystemDarkModeAsync(Func<bool, Task> onChange)
    {
        _onSystemDarkModeChanged = onChange;
        _self ??= DotNetObjectReference.Create(this);
        try
        {
            await JS.InvokeVoidAsync("mudThemeProvider.watchDarkMode", _self);
        }
        catch (JSException)
        {
            // MudBlazor's script is missing or failed: the page keeps the preference it has.
        }
    }

    /// <summary>Called by MudBlazor's script when the browser's preference changes.</summary>
    [JSInvokable]
    public Task SystemDarkModeChangedAsync(bool isDarkMode) =>
        _onSystemDarkModeChanged is { } onChange ? onChange(isDarkMode) : Task.CompletedTask;

    public void Dispose() => _self?.Dispose();
}
