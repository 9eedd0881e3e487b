using BarberPro.Core.Bookings;

namespace BarberPro.Core.Tests.Bookings;

public sealed class BookingPeriodsTests
{
    [Fact]
    public void At_LateSundayEveningInArgentina_IsStillSundayOfTheWeekFromMonday()
    {
        // 02:30 UTC on Monday 2 March 2026 is 23:30 ART on Sunday 1 March.
        var periods = BookingPeriods.At(new DateTimeOffset(2026, 3, 2, 2, 30, 0, TimeSpan.Zero), 30);

        Assert.Equal(new DateOnly(2026, 3, 1), periods.Today);
        Assert.Equal(new DateOnly(2026, 2, 23), periods.WeekStart);
        Assert.Equal(new DateOnly(2026, 3, 1), periods.MonthStart);
        Assert.Equal(new DateOnly(2026, 1, 31), periods.WindowStart);
        Assert.Equal(30, periods.WindowDays);
        Assert.Equal(new DateOnly(2026, 4, 1), periods.NextMonth);
    }

    [Fact]
    public void Utc_ArgentinaMidnight_IsThreeInTheMorningUtc()
    {
        Assert.Equal(new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc), BookingPeriods.Utc(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void Figures_NoFinishedAppointmentsOrPayments_HaveNoRateRatherThanZero()
    {
        var figures = new BookingFigures(DateTimeOffset.UnixEpoch, BookingPeriods.At(DateTimeOffset.UnixEpoch, 30), BookingQueryStrategy.Aggregates,
            0, 0, 0, 0, 0, 0, 0, [], [.. Enumerable.Range(0, 24).Select(h => new HourBookings(h, 0))]);

        Assert.Null(figures.CompletionRate);
        Assert.Null(figures.PaymentSuccessRate);
        Assert.Null(figures.BusiestHour);
    }
}
