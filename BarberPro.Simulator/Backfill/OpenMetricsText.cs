using System.Globalization;
using System.Text;

namespace BarberPro.Simulator.Backfill;

/// <summary>
/// The few formatting rules the history file needs (OpenMetrics text, the subset promtool's backfill reads):
/// numbers, label values and HELP text. Live scrapes are written by prometheus-net; it has no writer for samples
/// with timestamps, which is all a backfill file holds.
/// </summary>
internal static class OpenMetricsText
{
    /// <summary>
    /// A sample value as Prometheus writes it: NaN, +Inf, -Inf, otherwise the shortest round-trip form, so that a
    /// bucket bound reads <c>1</c> and <c>2.5</c>, exactly as the live scrape spells the <c>le</c> label.
    /// </summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny('\\', '"', '\n') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Escapes HELP text: backslash and line feed (quotes stay as they are).</summary>
    public static string EscapeHelp(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);
    }
}
