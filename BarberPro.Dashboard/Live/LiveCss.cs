using BarberPro.Core.Live;

namespace BarberPro.Dashboard.Live;

/// <summary>
/// How a level looks on screen: the CSS class (coloured through the theme's <c>--bp-ok/-warning/-critical/-unknown</c>
/// variables) and the favicon of the platform's worst state. The words and icons are in the view itself.
/// </summary>
public static class LiveCss
{
    private static readonly string[] s_levelClasses = ["level-unknown", "level-ok", "level-warning", "level-critical"];

    private static readonly string[] s_favicons =
        ["/favicons/unknown.svg", "/favicons/ok.svg", "/favicons/warning.svg", "/favicons/critical.svg"];

    public static string Level(Level level) => s_levelClasses[(int)level];

    /// <summary>The tab's icon for the platform's worst state, so a background tab tells when something breaks.</summary>
    public static string Favicon(Level level) => s_favicons[(int)level];
}
