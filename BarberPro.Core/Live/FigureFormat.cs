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

    /// <summary>A time span as "45 s", "7 min" or "3 h" (whole units, rounded down), for "evaluated … ago".</summary>
    public static string Ago(TimeSpan span) => span.TotalSeconds switch
    {
        < 120 => Math.Max(0, (long)span.TotalSeconds).ToString(s_culture) + " s",
        < 2 * 3600 => ((long)span.TotalMinutes).ToString(s_culture) + " min",
        < 2 * 86400 => ((long)span.TotalHours).ToString(s_culture) + " h",
        _ => ((long)span.TotalDays).ToString(s_culture) + " d",
    };

    /// <summary>No series: said in words, never as 0.</summary>
    public const string NoData = "no data";
}
