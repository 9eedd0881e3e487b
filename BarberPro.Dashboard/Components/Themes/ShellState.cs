namespace BarberPro.Dashboard.Components.Themes;

/// <summary>
/// What the layout knows about the look of the page.
/// </summary>
/// <param name="Theme">the user's stored choice.</param>
/// <param name="BrowserPrefersDark">the browser's preference as last known: the Sec-CH-Prefers-Color-Scheme hint on a
/// request, then what the circuit reads from the browser.</param>
public sealed record ShellState(ThemeChoice Theme, bool BrowserPrefersDark)
{
    public bool IsDark => Theme.IsDark(BrowserPrefersDark);
}
