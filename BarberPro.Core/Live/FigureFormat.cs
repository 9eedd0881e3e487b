using System.Globalization;

namespace BarberPro.Core.Live;

/// <summary>How figures are written. One place, used for the first render and for every pushed snapshot alike.</summary>
public static class FigureFormat
{
    private static readonly CultureInfo s_culture = CultureInfo.InvariantCulture;

    public static string Percent(double ratio, int decimals = 2) =>
        (ratio * 100).ToString("F" + decimals.ToString(s_culture), s_culture) + " %";

    public static string Milliseconds(double ms) => ms >= 10
        ? ms.ToString("N0", s_culture) + " ms"
        : ms.ToString("0.0", s_culture) + " ms";

    public static string Rate(double perSecond) => perSecond.ToString("N0", s_culture) + " rps";

    public static string Count(double value) => value.ToString("N0", s_culture);

    public static string Multiple(double value) => value.ToString("0.00", s_culture) + "×";

    public static string UsdPerHour(double value) => "US$ " + value.ToString("N2", s_culture) + "/h";

    public static string Usd(double value) => "US$ " + value.ToString("N2", s_culture);

    public static string UpDown(double value) => value >= 1 ? "up" : "down";

    /// <summary>No series: said in words, never as 0.</summary>
    public const string NoData = "no data";
}
