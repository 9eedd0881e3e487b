using System.Text.RegularExpressions;
using BarberPro.Dashboard.Components.Themes;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// The theme of the pages rendered without a circuit and outside the app layout (<see cref="StaticDocument"/>): the
/// app's own light and dark stylesheets (<see cref="ThemeStylesheets"/>, MudBlazor's <c>--mud-*</c> properties and
/// the state colours), each under the media query of the browser's preference, and the few rules of the sign-in card.
/// Built once for the process.
/// </summary>
public static partial class StaticPageTheme
{
    private const string PageCss = """
        <style>
        html, body.bp-static { margin: 0; min-height: 100%; background: var(--mud-palette-background); color: var(--mud-palette-text-primary); font-family: var(--mud-typography-default-family); }
        .bp-static-main { box-sizing: border-box; max-width: 28rem; margin: 0 auto; padding: 3rem 1rem; }
        .bp-static-brand { text-align: center; margin: 0 0 1rem; }
        .bp-static-card { padding: 1.5rem; border-radius: var(--mud-default-borderradius); background: var(--mud-palette-surface); }
        .bp-static-card h1 { margin: 0 0 1rem; text-align: center; }
        .bp-field { display: flex; flex-direction: column; gap: .25rem; margin-bottom: 1rem; }
        .bp-field input { font: inherit; color: var(--mud-palette-text-primary); background: var(--mud-palette-surface); border: 1px solid var(--mud-palette-text-secondary); border-radius: var(--mud-default-borderradius); padding: .5rem .75rem; }
        .bp-field input:focus { outline: 2px solid var(--mud-palette-primary); outline-offset: 1px; }
        .bp-message { display: block; margin: 0 0 1rem; padding: .75rem 1rem; border-radius: var(--mud-default-borderradius); background: var(--bp-critical-bg); color: var(--bp-critical); }
        .bp-static-card .mud-button-root { width: 100%; }
        </style>
        """;

    /// <summary>The <c>&lt;style&gt;</c> elements for the head of <see cref="StaticDocument"/>.</summary>
    public static string Stylesheets { get; } =
        Under("not all and (prefers-color-scheme: dark)", ThemeStylesheets.For(DashboardThemes.Light, false, DashboardThemes.LightPalette))
        + Under("(prefers-color-scheme: dark)", ThemeStylesheets.For(DashboardThemes.Dark, true, DashboardThemes.DarkPalette))
        + PageCss;

    private static string Under(string media, string styles) => StyleTag().Replace(styles, $"<style media=\"{media}\"");

    [GeneratedRegex("<style(?![^>]*media=)")]
    private static partial Regex StyleTag();
}
