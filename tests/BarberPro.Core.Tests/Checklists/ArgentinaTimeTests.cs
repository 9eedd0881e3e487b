using BarberPro.Core.Checklists;
using BarberPro.Core.Time;

namespace BarberPro.Core.Tests.Checklists;

public sealed class ArgentinaTimeTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void DailyPeriod_At2359Art_IsStillThePreviousDayAlthoughUtcIsPastMidnight()
    {
        _clock.Set(new DateTimeOffset(2031, 6, 11, 2, 59, 59, TimeSpan.Zero));

        var period = ChecklistPeriod.Containing(ChecklistCadence.Daily, _clock.GetUtcNow());

        Assert.Equal(new DateOnly(2031, 6, 10), period.Start);
        Assert.Equal(period.Start, period.End);
    }

    [Fact]
    public void DailyPeriod_At0000Art_Is0300Utc_AndStartsTheNewDay()
    {
        _clock.Set(new DateTimeOffset(2031, 6, 11, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2031, 6, 11), ChecklistPeriod.Containing(ChecklistCadence.Daily, _clock.GetUtcNow()).Start);
        Assert.Equal(_clock.GetUtcNow(), ArgentinaTime.StartOfDay(new DateOnly(2031, 6, 11)));
    }

    [Fact]
    public void DailyPeriod_AtUtcMidnight_IsStillTheArgentinaEvening()
    {
        _clock.Set(new DateTimeOffset(2031, 6, 11, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2031, 6, 10), ChecklistPeriod.Containing(ChecklistCadence.Daily, _clock.GetUtcNow()).Start);
        Assert.Equal("21:00", ArgentinaTime.FormatTime(_clock.GetUtcNow()));
    }

    [Fact]
    public void WeeklyPeriod_SundayNightToMonday_RollsOverAtMondayMidnightArt()
    {
        // Monday 2031-06-09 00:00 ART is 03:00 UTC.
        var mondayStart = new DateTimeOffset(2031, 6, 9, 3, 0, 0, TimeSpan.Zero);

        _clock.Set(mondayStart.AddMinutes(-1));
        var sunday = ChecklistPeriod.Containing(ChecklistCadence.Weekly, _clock.GetUtcNow());
        _clock.Set(mondayStart);
        var monday = ChecklistPeriod.Containing(ChecklistCadence.Weekly, _clock.GetUtcNow());

        Assert.Equal((new DateOnly(2031, 6, 2), new DateOnly(2031, 6, 8)), (sunday.Start, sunday.End));
        Assert.Equal((new DateOnly(2031, 6, 9), new DateOnly(2031, 6, 15)), (monday.Start, monday.End));
    }

    [Theory]
    [InlineData("2031-06-09", "2031-06-09")]
    [InlineData("2031-06-11", "2031-06-09")]
    [InlineData("2031-06-15", "2031-06-09")]
    [InlineData("2031-06-16", "2031-06-16")]
    [InlineData("2032-01-01", "2031-12-29")]
    public void WeekStart_IsTheMondayOfTheWeek(string date, string monday) =>
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture),
            ArgentinaTime.WeekStart(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void DateOf_AnyRandomInstant_IsThreeHoursBehindUtc()
    {
        var now = _clock.GetUtcNow();

        Assert.Equal(DateOnly.FromDateTime(now.UtcDateTime.AddHours(-3)), ArgentinaTime.DateOf(now));
    }
}
