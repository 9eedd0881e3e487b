using System.Globalization;
using BarberPro.Dashboard.Components.Themes;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>
/// WCAG 2 AA: the state colours (ok, warning, critical, unknown) read at 4.5:1 or better as text on every surface of
/// their theme (page background, cards) and on their own badge background, in Light, Dark and Wall.
/// </summary>
public sealed class PaletteContrastTests
{
    private const double AaNormalText = 4.5;

    public static TheoryData<string, string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var palette in DashboardThemes.Palettes)
        {
            var s = palette.Status;
            foreach (var (state, text, badge) in new[]
                     {
                         ("ok", s.Ok, s.OkBg), ("warning", s.Warning, s.WarningBg),
                         ("critical", s.Critical, s.CriticalBg), ("unknown", s.Unknown, s.UnknownBg),
                     })
            {
                foreach (var surface in palette.Surfaces.Append(badge))
                {
                    data.Add(palette.Name, state, text, surface);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void StateText_PassesAA_OnEverySurfaceOfItsTheme(string theme, string state, string text, string surface)
    {
        var ratio = ContrastRatio(text, surface);

        Assert.True(ratio >= AaNormalText, $"{theme} {state}: {text} on {surface} is {ratio:0.00}:1, below 4.5:1");
    }

    [Fact]
    public void ThePairsCoverThreeThemesFourStatesThreeSurfaces() => Assert.Equal(3 * 4 * 3, Pairs().Count);

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#777777", "#ffffff", 4.48)]
    public void ContrastRatio_MatchesWcagExamples(string a, string b, double expected) =>
        Assert.Equal(expected, Math.Round(ContrastRatio(a, b), 2));

    [Fact]
    public void StatusCss_ExposesEveryStateAndItsBackground()
    {
        var css = DashboardThemes.StatusCss(DashboardThemes.DarkPalette);

        Assert.Equal(
            ":root{--bp-ok:#5fd38a;--bp-ok-bg:#143823;--bp-warning:#f3b655;--bp-warning-bg:#3d2c0b;" +
            "--bp-critical:#ff8f85;--bp-critical-bg:#4a1714;--bp-unknown:#b4bcc8;--bp-unknown-bg:#2d3238;" +
            "--bp-surface:#1e2227;--bp-background:#15181c;}", css);
    }

    /// <summary>WCAG 2's contrast ratio of two #rrggbb colours.</summary>
    internal static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (RelativeLuminance(a), RelativeLuminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double RelativeLuminance(string hex)
    {
        static double Channel(string hex, int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var h = hex.TrimStart('#');
        return 0.2126 * Channel(h, 0) + 0.7152 * Channel(h, 2) + 0.0722 * Channel(h, 4);
    }
}
