using BarberPro.Dashboard.Components.Themes;
using Bunit;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>The theme's stylesheet is MudBlazor's, rendered once per theme and shared by every circuit.</summary>
public sealed class ThemeStylesheetsTests : ComponentTestContext
{
    [Fact]
    public void EachTheme_IsMudBlazorsStylesheetWithTheStateColours()
    {
        var light = ThemeStylesheets.For(DashboardThemes.Light, dark: false, DashboardThemes.LightPalette);
        var dark = ThemeStylesheets.For(DashboardThemes.Dark, dark: true, DashboardThemes.DarkPalette);
        var wall = ThemeStylesheets.For(DashboardThemes.Wall, dark: true, DashboardThemes.WallPalette);

        Assert.Contains("--mud-palette-primary: rgba(30,95,180,1);", light, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--mud-palette-primary: rgba(127,178,240,1);", dark, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--mud-palette-primary: rgba(140,188,245,1);", wall, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--mud-drawer-width-left: 232px", light, StringComparison.Ordinal);
        Assert.Contains("<style>" + DashboardThemes.StatusCss(DashboardThemes.DarkPalette) + "</style>", dark, StringComparison.Ordinal);
        Assert.Contains("--mud-typography-h4-size: 2.75rem", wall, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRender_SharesOneStringPerTheme()
    {
        var first = Render<ThemeStyles>(p => p.Add(t => t.Theme, DashboardThemes.Dark).Add(t => t.Dark, true).Add(t => t.Palette, DashboardThemes.DarkPalette));
        var second = Render<ThemeStyles>(p => p.Add(t => t.Theme, DashboardThemes.Dark).Add(t => t.Dark, true).Add(t => t.Palette, DashboardThemes.DarkPalette));

        Assert.Equal(first.Markup, second.Markup);
        Assert.Same(
            ThemeStylesheets.For(DashboardThemes.Dark, dark: true, DashboardThemes.DarkPalette),
            ThemeStylesheets.For(DashboardThemes.Dark, dark: true, DashboardThemes.DarkPalette));
        Assert.Contains("--mud-palette-background: rgba(21,24,28,1);", first.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ThemeStylesheets.For(DashboardThemes.Dark, dark: true, DashboardThemes.DarkPalette), first.Markup);
    }

    [Fact]
    public async Task TheBrowsersPreference_IsAskedOnce_AndItsChangesFollowed()
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode").SetResult(true);
        var watch = JSInterop.SetupVoid("mudThemeProvider.watchDarkMode", _ => true);
        watch.SetVoidResult();
        var styles = Render<ThemeStyles>(p => p.Add(t => t.Theme, DashboardThemes.Light).Add(t => t.Palette, DashboardThemes.LightPalette));
        var seen = new List<bool>();

        Assert.True(await styles.Instance.GetSystemDarkModeAsync());
        await styles.Instance.WatchSystemDarkModeAsync(dark =>
        {
            seen.Add(dark);
            return Task.CompletedTask;
        });
        await styles.Instance.SystemDarkModeChangedAsync(false);

        Assert.Single(watch.Invocations);
        Assert.Equal([false], seen);
    }
}
