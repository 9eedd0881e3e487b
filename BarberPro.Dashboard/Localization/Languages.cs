using System.Globalization;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The dashboard's two languages: English (the default, and the neutral resources) and Spanish of Argentina. Each is
/// named in its own language in the user menu, so a user who cannot read the current one still finds theirs.
/// </summary>
public static class Languages
{
    public const string English = "en";

    public const string SpanishArgentina = "es-AR";

    public const string Default = English;

    /// <summary>Every supported culture, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [English, SpanishArgentina];

    /// <summary>The name a user picks the language by, written in that language.</summary>
    public static string NativeName(string language) => language switch
    {
        SpanishArgentina => "Español (Argentina)",
        _ => "English",
    };

    /// <summary>
    /// One of <see cref="All"/> for a culture name as a browser, a cookie or the database gives it: any Spanish
    /// ("es", "es-ES", "es-419") is Spanish of Argentina, any English is English; anything else is null.
    /// </summary>
    public static string? Normalize(string? name)
    {
        var value = name?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (value.Equals("es", StringComparison.OrdinalIgnoreCase) || value.StartsWith("es-", StringComparison.OrdinalIgnoreCase))
        {
            return SpanishArgentina;
        }
        if (value.Equals("en", StringComparison.OrdinalIgnoreCase) || value.StartsWith("en-", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }
        return null;
    }

    /// <summary>The language of <paramref name="culture"/> (the circuit's or the request's), English when unknown.</summary>
    public static string Of(CultureInfo culture) => Normalize(culture?.Name) ?? Default;

    /// <summary>
    /// The culture numbers, money and dates are written and read in for the current request or circuit: es-AR or en
    /// (a thread without a request culture, such as a test's, is English).
    /// </summary>
    public static CultureInfo Current => CultureInfo.GetCultureInfo(Of(CultureInfo.CurrentCulture));

    /// <summary>Whether <paramref name="culture"/> is Spanish (of Argentina, the only Spanish served).</summary>
    public static bool IsSpanish(CultureInfo culture) => Of(culture) == SpanishArgentina;
}
