using System.Globalization;

namespace BarberPro.Core.Time;

/// <summary>
/// Argentina time (America/Argentina/Buenos_Aires, "ART"): the calendar of the whole product (checklists, booking days, cost months, the simulator), whatever the server's
/// own zone. Every method takes an instant (from an injected <see cref="TimeProvider"/>) and never reads the clock.
/// </summary>
public static class ArgentinaTime
{
    public const string ZoneId = "America/Argentina/Buenos_Aires";

    /// <summary>
    /// The IANA zone from the system's tz database. Argentina has kept UTC-3 without daylight saving since 2009; a
    /// fixed UTC-3 zone stands in only where the tz database is missing (minimal containers), so the dashboard still
    /// computes the right day rather than failing.
    /// </summary>
    public static TimeZoneInfo Zone { get; } = LoadZone();

    public static DateTimeOffset ToArgentina(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Argentina calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToArgentina(instant).DateTime);

    /// <summary>The Monday that starts the Argentina week (Monday to Sunday) holding <paramref name="date"/>.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The instant at which Argentina's wall clock shows <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Start of the Argentina day (00:00 ART) as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => ToInstant(date, TimeOnly.MinValue);

    /// <summary>"14:05" in Argentina time.</summary>
    public static string FormatTime(DateTimeOffset instant) =>
        ToArgentina(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"14:05:09" in Argentina time: for live data refreshed every few seconds.</summary>
    public static string FormatTimeWithSeconds(DateTimeOffset instant) =>
        ToArgentina(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"Mon 3 Mar 14:05" in Argentina time: for times that may not be today.</summary>
    public static string FormatDateTime(DateTimeOffset instant) =>
        ToArgentina(instant).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Mon 3 Mar 14:05" (English) or "lun 3 mar 14:05" (Spanish) in Argentina time: the reader's language.</summary>
    public static string FormatDateTime(DateTimeOffset instant, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "es"
            ? ToArgentina(instant).ToString("ddd d MMM HH:mm", s_spanish)
            : FormatDateTime(instant);
    }

    /// <summary>"Mon 3 Mar" (English) or "lun 3 mar" (Spanish): a day of the Argentina calendar.</summary>
    public static string FormatDate(DateOnly date, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return date.ToString("ddd d MMM", culture.TwoLetterISOLanguageName == "es" ? s_spanish : CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An instant in Argentina time with a .NET date pattern ("ddd d MMM yyyy HH:mm"), with English names or Spanish ones
    /// ("mié 11 jun 2031 00:00") by the reader's language: for what states its own year (stored reports).
    /// </summary>
    public static string Format(DateTimeOffset instant, string pattern, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return ToArgentina(instant).ToString(pattern, NamesOf(culture));
    }

    /// <summary>A day of the Argentina calendar with a .NET date pattern ("ddd d MMM yyyy"), in the reader's language.</summary>
    public static string Format(DateOnly date, string pattern, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return date.ToString(pattern, NamesOf(culture));
    }

    private static DateTimeFormatInfo NamesOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "es" ? s_spanish : CultureInfo.InvariantCulture.DateTimeFormat;

    /// <summary>Spanish day and month names, built here (not from ICU) so that every machine writes the same.</summary>
    private static readonly DateTimeFormatInfo s_spanish = new()
    {
        AbbreviatedDayNames = ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
        DayNames = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
        AbbreviatedMonthNames = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic", ""],
        MonthNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", ""],
        AbbreviatedMonthGenitiveNames = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic", ""],
        MonthGenitiveNames = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", ""],
    };

    private static TimeZoneInfo LoadZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(-3), "Argentina Time", "ART");
        }
    }
}
