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

    /// <summary>A query window as people say it: "5 m", "1 h", "30 s".</summary>
    public static string Window(TimeSpan window) => window switch
    {
        { TotalDays: >= 1 } when window.Ticks % TimeSpan.TicksPerDay == 0 => window.TotalDays.ToString("0", s_culture) + " d",
        { TotalHours: >= 1 } when window.Ticks % TimeSpan.TicksPerHour == 0 => window.TotalHours.ToString("0", s_culture) + " h",
        { TotalMinutes: >= 1 } when window.Ticks % TimeSpan.TicksPerMinute == 0 => window.TotalMinutes.ToString("0", s_culture) + " m",
        _ => window.TotalSeconds.ToString("0", s_culture) + " s",
    };

    /// <summary>A burn rate or other multiple in as few digits as it needs: "84×", "14.4×", "7.5×", "0.52×".</summary>
    public static string MultipleShort(double value) =>
        value.ToString(Math.Abs(value) >= 10 ? "0.#" : "0.##", s_culture) + "×";

    /// <summary>A time span as "45 s", "7 min" or "3 h" (whole units, rounded down), for "evaluated … ago".</summary>
    public static string Ago(TimeSpan span) => span.TotalSeconds switch
    {
        < 120 => Math.Max(0, (long)span.TotalSeconds).ToString(s_culture) + " s",
        < 2 * 3600 => ((long)span.TotalMinutes).ToString(s_culture) + " min",
        < 2 * 86400 => ((long)span.TotalHours).ToString(s_culture) + " h",
        _ => ((long)span.TotalDays).ToString(s_culture) + " d",
    };

    /// <summary>
    /// How long something lasted or took: "45 s", "7 min", "2 h 5 min", "3 d 4 h" (rounded down; negative as 0). The
    /// alert inbox, the incident pages, the overview's mean time to resolve and the reports all say durations this way.
    /// </summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalMinutes < 1 ? ((int)span.TotalSeconds).ToString(s_culture) + " s"
            : span.TotalHours < 1 ? ((int)span.TotalMinutes).ToString(s_culture) + " min"
            : span.TotalDays < 1 ? ((int)span.TotalHours).ToString(s_culture) + " h " + span.Minutes.ToString(s_culture) + " min"
            : ((int)span.TotalDays).ToString(s_culture) + " d " + span.Hours.ToString(s_culture) + " h";
    }

    /// <summary>No series: said in words, never as 0.</summary>
    public const string NoData = "no data";
}
