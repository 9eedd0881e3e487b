using BarberPro.Core.Alerts;

namespace BarberPro.Core.Tests.Alerts;

public sealed class MaintenanceWindowTimeTests
{
    [Fact]
    public void ToUtc_TomorrowTwoToFourArt_IsFiveToSevenUtc()
    {
        // "Now" is 30 Nov 2026 22:30 ART (01:30 UTC on 1 Dec): tomorrow in Argentina is 1 Dec.
        var tomorrow = new DateOnly(2026, 12, 1);

        var (startsAt, endsAt) = MaintenanceWindowTime.ToUtc(tomorrow, new TimeOnly(2, 0), new TimeOnly(4, 0));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), startsAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), endsAt);
        Assert.Equal(TimeSpan.Zero, startsAt.Offset);
    }

    [Fact]
    public void ToUtc_WindowAcrossMidnightAndTheYearEnd_EndsTheNextDay()
    {
        var (startsAt, endsAt) = MaintenanceWindowTime.ToUtc(new DateOnly(2026, 12, 31), new TimeOnly(22, 0), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.Zero), startsAt);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero), endsAt);
    }

    [Fact]
    public void ToUtc_LateEveningArt_IsAlreadyTheNextUtcDate()
    {
        var (startsAt, endsAt) = MaintenanceWindowTime.ToUtc(new DateOnly(2026, 2, 28), new TimeOnly(21, 0), new TimeOnly(23, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), startsAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), endsAt);
    }

    [Fact]
    public void ToUtc_UsesTheTimeZoneDatabase_NotAFixedOffset()
    {
        // Argentina kept summer time (UTC-2) in the summer of 2008/09: a fixed -3 h would be an hour off.
        var (startsAt, _) = MaintenanceWindowTime.ToUtc(new DateOnly(2009, 1, 15), new TimeOnly(2, 0), new TimeOnly(4, 0));

        Assert.Equal(new DateTimeOffset(2009, 1, 15, 4, 0, 0, TimeSpan.Zero), startsAt);
    }

    [Fact]
    public void Describe_SameDayAndAcrossDays()
    {
        Assert.Equal(
            "Tue 1 Dec 02:00–04:00 ART",
            MaintenanceWindowTime.Describe(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero)));
        Assert.Equal(
            "Thu 31 Dec 22:00 – Fri 1 Jan 01:30 ART",
            MaintenanceWindowTime.Describe(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Describe_InSpanish_NamesDaysAndMonthsInSpanish()
    {
        var spanish = System.Globalization.CultureInfo.GetCultureInfo("es-AR");

        Assert.Equal(
            "mar 1 dic 02:00–04:00 ART",
            MaintenanceWindowTime.Describe(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), spanish));
        Assert.Equal(
            "jue 31 dic 22:00 – vie 1 ene 01:30 ART",
            MaintenanceWindowTime.Describe(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 4, 30, 0, TimeSpan.Zero), spanish));
    }
}
