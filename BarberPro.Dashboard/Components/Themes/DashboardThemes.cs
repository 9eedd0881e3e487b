using System.Globalization;
using System.Text;
using MudBlazor;

namespace BarberPro.Dashboard.Components.Themes;

/// <summary>The colours of the four states of a figure: text, and the background of its badge.</summary>
public sealed record StatusColors(
    string Ok, string OkBg,
    string Warning, string WarningBg,
    string Critical, string CriticalBg,
    string Unknown, string UnknownBg);

/// <summary>One theme's colours: the surfaces text sits on, and the state colours (all as #rrggbb).</summary>
public sealed record DashboardPalette(
    string Name, bool IsDark, string Background, string Surface, string AppBar, string TextPrimary, string TextSecondary,
    string Primary, StatusColors Status)
{
    /// <summary>Every surface a state's text may sit on: the page, cards, and its own badge background.</summary>
    public IEnumerable<string> Surfaces => [Background, Surface];
}

/// <summary>
/// The dashboard's three themes. Light and Dark follow the user's choice (or the browser's preference); Wall is dark
/// with large type, for the TV (WallLayout). Each theme sets both of MudBlazor's palettes to its colours, so it looks
/// the same whatever <c>IsDarkMode</c> says. The state colours are also CSS custom properties (<see cref="StatusCss"/>:
/// <c>--bp-ok</c>, <c>--bp-ok-bg</c>, … <c>--bp-unknown-bg</c>), chosen so that text and badges pass WCAG AA
/// (4.5:1) on every surface of their theme; a unit test computes the ratios.
/// </summary>
public static class DashboardThemes
{
    public static DashboardPalette LightPalette { get; } = new(
        "light", IsDark: false, Background: "#f5f6f8", Surface: "#ffffff", AppBar: "#1f2937",
        TextPrimary: "#1d2127", TextSecondary: "#545b66", Primary: "#1e5fb4",
        new StatusColors(
            Ok: "#1b6e35", OkBg: "#e3f3e8",
            Warning: "#8a4b00", WarningBg: "#fdf0dc",
            Critical: "#b3261e", CriticalBg: "#fbe4e2",
            Unknown: "#5b616b", UnknownBg: "#eceef1"));

    public static DashboardPalette DarkPalette { get; } = new(
        "dark", IsDark: true, Background: "#15181c", Surface: "#1e2227", AppBar: "#1e2227",
        TextPrimary: "#e6e9ee", TextSecondary: "#aab2bd", Primary: "#7fb2f0",
        new StatusColors(
            Ok: "#5fd38a", OkBg: "#143823",
            Warning: "#f3b655", WarningBg: "#3d2c0b",
            Critical: "#ff8f85", CriticalBg: "#4a1714",
            Unknown: "#b4bcc8", UnknownBg: "#2d3238"));

    public static DashboardPalette WallPalette { get; } = new(
        "wall", IsDark: true, Background: "#05070a", Surface: "#111418", AppBar: "#05070a",
        TextPrimary: "#f2f4f7", TextSecondary: "#b9c0ca", Primary: "#8cbcf5",
        new StatusColors(
            Ok: "#6be39a", OkBg: "#12331f",
            Warning: "#ffc266", WarningBg: "#3a2a09",
            Critical: "#ff9a90", CriticalBg: "#471512",
            Unknown: "#c2c9d4", UnknownBg: "#262b31"));

    public static IReadOnlyList<DashboardPalette> Palettes { get; } = [LightPalette, DarkPalette, WallPalette];

    public static MudTheme Light { get; } = Build(LightPalette, new Typography());

    public static MudTheme Dark { get; } = Build(DarkPalette, new Typography());

    /// <summary>Dark, and large type read from across a room.</summary>
    public static MudTheme Wall { get; } = Build(WallPalette, new Typography
    {
        Default = new DefaultTypography { FontSize = "1.25rem" },
        Body1 = new Body1Typography { FontSize = "1.25rem" },
        Body2 = new Body2Typography { FontSize = "1.125rem" },
        H4 = new H4Typography { FontSize = "2.75rem" },
        H5 = new H5Typography { FontSize = "2.25rem" },
        H6 = new H6Typography { FontSize = "1.75rem" },
        Subtitle1 = new Subtitle1Typography { FontSize = "1.375rem" },
        Caption = new CaptionTypography { FontSize = "1rem" },
    });

    /// <summary>The theme of a page that is dark or light (the wall has its own layout and theme).</summary>
    public static MudTheme For(bool dark) => dark ? Dark : Light;

    public static DashboardPalette PaletteFor(bool dark) => dark ? DarkPalette : LightPalette;

    /// <summary>The state colours as CSS custom properties on :root, for the page's &lt;style&gt;.</summary>
    public static string StatusCss(DashboardPalette palette)
    {
        var s = palette.Status;
        var css = new StringBuilder(":root{");
        Append(css, "ok", s.Ok, s.OkBg);
        Append(css, "warning", s.Warning, s.WarningBg);
        Append(css, "critical", s.Critical, s.CriticalBg);
        Append(css, "unknown", s.Unknown, s.UnknownBg);
        css.Append(CultureInfo.InvariantCulture, $"--bp-surface:{palette.Surface};--bp-background:{palette.Background};}}");
        return css.ToString();
    }

    private static void Append(StringBuilder css, string name, string text, string background) =>
        css.Append(CultureInfo.InvariantCulture, $"--bp-{name}:{text};--bp-{name}-bg:{background};");

    private static MudTheme Build(DashboardPalette palette, Typography typography) => new()
    {
        PaletteLight = Apply(new PaletteLight(), palette),
        PaletteDark = Apply(new PaletteDark(), palette),
        Typography = typography,
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px" },
    };

    private static T Apply<T>(T target, DashboardPalette palette) where T : Palette
    {
        var s = palette.Status;
        // MudBlazor's filled Success/Warning/Error/Info buttons and chips: state colour behind a text colour that
        // reads on it (white on the light theme's dark state colours, near-black on the dark themes' light ones).
        var onState = palette.IsDark ? "#111418" : "#ffffff";
        target.Primary = palette.Primary;
        target.PrimaryContrastText = onState;
        target.Background = palette.Background;
        target.Surface = palette.Surface;
        target.AppbarBackground = palette.AppBar;
        target.AppbarText = "#ffffff";
        target.DrawerBackground = palette.Surface;
        target.DrawerText = palette.TextPrimary;
        target.DrawerIcon = palette.TextSecondary;
        target.TextPrimary = palette.TextPrimary;
        target.TextSecondary = palette.TextSecondary;
        target.Success = s.Ok;
        target.SuccessContrastText = onState;
        target.Warning = s.Warning;
        target.WarningContrastText = onState;
        target.Error = s.Critical;
        target.ErrorContrastText = onState;
        target.Info = palette.Primary;
        target.InfoContrastText = onState;
        return target;
    }
}
