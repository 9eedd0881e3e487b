using BarberPro.Core.Time;

namespace BarberPro.Core.Bookings;

/// <summary>
/// The Argentina calendar periods the booking figures cover, for one instant: today, the week since Monday, the
/// month, and the trailing window ending today. Dates for the rollups (kept in Argentina days), instants for the
/// raw tables (timestamptz).
/// </summary>
public sealed record BookingPeriods(DateOnly Today, DateOnly WeekStart, DateOnly MonthStart, DateOnly WindowStart)
{
    public DateOnly Tomorrow => Today.AddDays(1);

    public DateOnly NextMonth => MonthStart.AddMonths(1);

    public int WindowDays => Today.DayNumber - WindowStart.DayNumber + 1;

    public static BookingPeriods At(DateTimeOffset now, int windowDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        var today = ArgentinaTime.DateOf(now);
        return new BookingPeriods(today, ArgentinaTime.WeekStart(today), new DateOnly(today.Year, today.Month, 1), today.AddDays(1 - windowDays));
    }

    /// <summary>00:00 ART of <paramref name="date"/> as a UTC instant, for comparisons with timestamptz columns.</summary>
    public static DateTime Utc(DateOnly date) => ArgentinaTime.StartOfDay(date).UtcDateTime;
}
