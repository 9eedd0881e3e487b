using System.Globalization;

namespace BarberPro.Core.Costs;

/// <summary>The currencies the dashboard shows: cost entries in USD (as the seeds), revenue and conversions in ARS.</summary>
public enum Currency
{
    Usd,
    Ars,
}

/// <summary>
/// How money is written. ARS the Argentine way ("$ 1.234.567,89"), USD with its "US$" prefix so the two are never
/// confused. The number formats are built here rather than taken from the es-AR culture, so the output does not
/// depend on the ICU data of the machine (containers often run with invariant globalization).
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

}
