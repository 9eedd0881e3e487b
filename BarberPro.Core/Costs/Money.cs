using System.Globalization;

namespace BarberPro.Core.Costs;

/// <summary>The currencies the dashboard shows: cost entries in USD (as the seeds), revenue and conversions in ARS.</summary>
public enum Currency
{
    Usd,
    Ars,
}

/// <summary>
/// How money and counts are written: the one place. USD always with its "US$" prefix and ARS with "$", so the two are
/// never confused. The overloads that take a culture write the number the way the reader's language does (Spanish of
/// Argentina "US$ 2.300,50", "$ 1.234.567,89", "5.427"; English "US$ 2,300.50", "$ 1,234,567.89", "5,427"): pages pass
/// the circuit's culture. The ones without keep their fixed ways (ARS the Argentine way, USD the US way) for what is
/// written once for every reader (the live panels, stored reports). The number formats are built here rather than
/// taken from the cultures, so the output does not depend on the ICU data of the machine.
/// </summary>
public static class Money
{
    private static readonly NumberFormatInfo s_argentina = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    private static readonly NumberFormatInfo s_us = CultureInfo.InvariantCulture.NumberFormat;

    /// <summary>"$ 1.234.567,89".</summary>
    public static string Ars(decimal amount, int decimals = 2) =>
        (amount < 0 ? "-$ " : "$ ") + Math.Abs(amount).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), s_argentina);

    /// <summary>"US$ 3,395.00".</summary>
    public static string Usd(decimal amount, int decimals = 2) =>
        (amount < 0 ? "-US$ " : "US$ ") + Math.Abs(amount).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), s_us);

    /// <summary>A count in the Argentine way ("1.234.567"), for figures next to ARS amounts.</summary>
    public static string CountAr(long value) => value.ToString("N0", s_argentina);

    /// <summary>The number format of <paramref name="culture"/>'s language: Spanish writes "1.234,5", anything else
    /// "1,234.5".</summary>
    public static NumberFormatInfo NumbersOf(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "es" ? s_argentina : s_us;
    }

    /// <summary>"$ 1.234.567,89" (Spanish) or "$ 1,234,567.89" (English).</summary>
    public static string Ars(decimal amount, CultureInfo culture, int decimals = 2) =>
        (amount < 0 ? "-$ " : "$ ") + Math.Abs(amount).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), NumbersOf(culture));

    /// <summary>"US$ 3.395,00" (Spanish) or "US$ 3,395.00" (English).</summary>
    public static string Usd(decimal amount, CultureInfo culture, int decimals = 2) =>
        (amount < 0 ? "-US$ " : "US$ ") + Math.Abs(amount).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), NumbersOf(culture));

    /// <summary>A count: "5.427" (Spanish) or "5,427" (English).</summary>
    public static string Count(long value, CultureInfo culture) => value.ToString("N0", NumbersOf(culture));

    /// <summary>A ratio as a percentage: "93,5 %" (Spanish) or "93.5 %" (English).</summary>
    public static string Percent(double ratio, int decimals, CultureInfo culture) =>
        (ratio * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), NumbersOf(culture)) + " %";

    /// <summary>A number with a .NET format ("0.0", "N1", "0.##"): "12,5" (Spanish) or "12.5" (English).</summary>
    public static string Number(double value, string format, CultureInfo culture) => value.ToString(format, NumbersOf(culture));

    /// <summary>A number with a .NET format ("0.0", "N1", "0.##"): "12,5" (Spanish) or "12.5" (English).</summary>
    public static string Number(decimal value, string format, CultureInfo culture) => value.ToString(format, NumbersOf(culture));

}
