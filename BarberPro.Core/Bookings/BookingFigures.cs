namespace BarberPro.Core.Bookings;

/// <summary>
/// Which SQL produced the figures: the aggregates in the dashboard database (what the dashboard shows) or the raw tables
/// of the booking database (the reference of the tests and benchmarks).
/// </summary>
public enum BookingQueryStrategy
{
    Raw,
    Aggregates,
}

/// <summary>Bookings made this month in one city, and completed appointments with their revenue (ARS).</summary>
public sealed record CityBookings(string City, long Bookings, long Completed, decimal RevenueArs);

/// <summary>Appointments starting in one Argentina hour of the day (0..23) over the trailing window.</summary>
public sealed record HourBookings(int Hour, long Appointments);

/// <summary>
/// One read of every booking figure. Counts, never estimates: a rate whose denominator is zero is null ("no data"),
/// never 0 % or 100 %.
/// </summary>
public sealed record BookingFigures(
    DateTimeOffset AsOf,
    BookingPeriods Periods,
    BookingQueryStrategy Strategy,
    long BookingsToday,
    long BookingsThisWeek,
    long CompletedInWindow,
    long FinishedInWindow,
    long PaymentsSucceededInWindow,
    long PaymentsFailedInWindow,
    long ActiveUsersThisMonth,
    IReadOnlyList<CityBookings> Cities,
    IReadOnlyList<HourBookings> Hours)
{
    /// <summary>Completed ÷ (completed + cancelled + no-show) of appointments in the window.</summary>
    public double? CompletionRate => FinishedInWindow == 0 ? null : (double)CompletedInWindow / FinishedInWindow;

    /// <summary>Succeeded ÷ (succeeded + failed) of payments in the window; pending and refunded ones are not settled attempts.</summary>
    public double? PaymentSuccessRate => PaymentsSucceededInWindow + PaymentsFailedInWindow == 0
        ? null
        : (double)PaymentsSucceededInWindow / (PaymentsSucceededInWindow + PaymentsFailedInWindow);

    public long BookingsThisMonth => Cities.Sum(c => c.Bookings);

    public long CompletedThisMonth => Cities.Sum(c => c.Completed);

    public decimal RevenueThisMonthArs => Cities.Sum(c => c.RevenueArs);

    /// <summary>The hour with the most appointments, or null when the window has none.</summary>
    public HourBookings? BusiestHour => Hours.Where(h => h.Appointments > 0).OrderByDescending(h => h.Appointments).ThenBy(h => h.Hour).FirstOrDefault();
}

/// <summary>The booking activity of one Argentina month, for the unit economics of that month's costs.</summary>
public sealed record BookingMonth(DateOnly Month, long ActiveUsers, long Completed, decimal RevenueArs);
