using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Components.Themes;

/// <summary>
/// The page's theme as markup: MudBlazor's theme stylesheet (its <c>--mud-*</c> custom properties, what
/// <see cref="MudThemeProvider"/> writes) and the dashboard's state colours (<see cref="DashboardThemes.StatusCss"/>),
/// rendered <b>once per theme</b> for the process and shared by every page and circuit. <see cref="MudThemeProvider"/>
/// itself rebuilds that stylesheet (about 14,000 characters) on each of its renders in each circuit, and keeps a
/// <see cref="MudTheme"/> of its own: measured at 300 circuits, two such strings per circuit (the render tree's current
/// and previous frames), about 120 KB of each circuit's heap. Here every circuit's render tree holds a reference to the
/// same string. The markup is MudBlazor's own output (its provider rendered by an <see cref="HtmlRenderer"/>), so it
/// follows MudBlazor's upgrades.
/// </summary>
public static class ThemeStylesheets
{
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark, DashboardPalette Palette), string> s_markup = new();

    /// <summary>The <c>&lt;style&gt;</c> elements of <paramref name="theme"/> in its dark or light palette, plus the
    /// state colours of <paramref name="palette"/>; the same string instance for every caller.</summary>
    public static string For(MudTheme theme, bool dark, DashboardPalette palette)
    {
        ArgumentNullException.ThrowIfNull(theme);
        ArgumentNullException.ThrowIfNull(palette);
        return s_markup.GetOrAdd((theme, dark, palette), key => Render(key.Theme, key.Dark) + "<style>" + DashboardThemes.StatusCss(key.Palette) + "</style>");
    }

    /// <summary>Renders MudBlazor's theme provider once, outside any circuit (no script runs: it only writes styles).</summary>
    private static string Render(MudTheme theme, bool dark)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddSingleton<IJSRuntime, NoScript>();
        using var provider = services.BuildServiceProvider();
        using var renderer = new HtmlRenderer(provider, NullLoggerFactory.Instance);
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            }));
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();
    }

    /// <summary>The theme provider injects a JS runtime but calls it only after an interactive render, which never happens here.</summary>
    private sealed class NoScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("No script runs while the theme's stylesheet is rendered.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("No script runs while the theme's stylesheet is rendered.");
    }
}
