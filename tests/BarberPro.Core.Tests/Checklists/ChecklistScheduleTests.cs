using BarberPro.Core.Checklists;

namespace BarberPro.Core.Tests.Checklists;

public sealed class ChecklistScheduleTests
{
    private static readonly ChecklistPeriod s_day = new(ChecklistCadence.Daily, new DateOnly(2031, 6, 11));
    private static readonly ChecklistPeriod s_week = new(ChecklistCadence.Weekly, new DateOnly(2031, 6, 9));
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public void DueAt_MorningHealthCheckAt0900Art_Is1200Utc()
    {
        Assert.Equal(new DateTimeOffset(2031, 6, 11, 12, 0, 0, TimeSpan.Zero), ChecklistSchedule.DueAt(s_day, new TimeOnly(9, 0), null));
    }

    [Fact]
    public void DueAt_ThroughoutTheDay_IsTheNextArgentinaMidnight()
    {
        Assert.Equal(new DateTimeOffset(2031, 6, 12, 3, 0, 0, TimeSpan.Zero), ChecklistSchedule.DueAt(s_day, null, null));
    }

    [Fact]
    public void DueAt_WeeklyWednesdaySection_IsTheEndOfWednesdayArt()
    {
        Assert.Equal(new DateTimeOffset(2031, 6, 12, 3, 0, 0, TimeSpan.Zero), ChecklistSchedule.DueAt(s_week, null, 3));
        Assert.Equal(new DateTimeOffset(2031, 6, 14, 3, 0, 0, TimeSpan.Zero), ChecklistSchedule.DueAt(s_week, null, 5));
    }

    [Fact]
    public void IsOverdue_BeforeTheDueTime_IsFalse()
    {
        _clock.Set(new DateTimeOffset(2031, 6, 11, 11, 59, 59, TimeSpan.Zero)); // 08:59:59 ART

        Assert.False(ChecklistSchedule.IsOverdue(_clock.GetUtcNow(), ChecklistSchedule.DueAt(s_day, new TimeOnly(9, 0), null), 5));
    }

    [Fact]
    public void IsOverdue_AtTheDueTimeWithOpenItems_IsTrue()
    {
        _clock.Set(new DateTimeOffset(2031, 6, 11, 12, 0, 0, TimeSpan.Zero)); // 09:00 ART

        Assert.True(ChecklistSchedule.IsOverdue(_clock.GetUtcNow(), ChecklistSchedule.DueAt(s_day, new TimeOnly(9, 0), null), 1));
    }

    [Fact]
    public void IsOverdue_PastTheDueTimeWithEverythingTicked_IsFalse()
    {
        _clock.Set(new DateTimeOffset(2031, 6, 11, 20, 0, 0, TimeSpan.Zero));

        Assert.False(ChecklistSchedule.IsOverdue(_clock.GetUtcNow(), ChecklistSchedule.DueAt(s_day, new TimeOnly(14, 0), null), 0));
    }

    [Fact]
    public void IsOverdue_ThroughoutTheDaySection_OnlyAfterArgentinaMidnight()
    {
        var due = ChecklistSchedule.DueAt(s_day, null, null);

        _clock.Set(new DateTimeOffset(2031, 6, 12, 2, 59, 0, TimeSpan.Zero)); // 23:59 ART
        Assert.False(ChecklistSchedule.IsOverdue(_clock.GetUtcNow(), due, 2));
        _clock.Set(new DateTimeOffset(2031, 6, 12, 3, 0, 0, TimeSpan.Zero));
        Assert.True(ChecklistSchedule.IsOverdue(_clock.GetUtcNow(), due, 2));
    }

    [Theory]
    [InlineData(ChecklistCadence.Daily, "09:00", null, "Due 09:00 ART")]
    [InlineData(ChecklistCadence.Daily, null, null, "Throughout the day")]
    [InlineData(ChecklistCadence.Weekly, null, 1, "Monday")]
    [InlineData(ChecklistCadence.Weekly, null, 5, "Friday")]
    public void DueLabel_ReadsAsOnTheSpec(ChecklistCadence cadence, string? time, int? weekday, string expected) =>
        Assert.Equal(expected, ChecklistSchedule.DueLabel(cadence,
            time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), weekday));
}
