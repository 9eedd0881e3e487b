using BarberPro.Core.Reports;

namespace BarberPro.Core.Tests.Reports;

public sealed class ReportScheduleTests
{
    private static DateTimeOffset Art(int day, int hour, int minute = 0) =>
        new DateTimeOffset(2031, 6, day, hour, minute, 0, TimeSpan.FromHours(-3)).ToUniversalTime();

    [Fact]
    public void AMinuteBefore1800_NothingIsDue_AndTheNextIsToday1800()
    {
        var now = Art(11, 17, 59);

        Assert.Empty(ReportSchedule.DueBetween(Art(11, 12), now));
        Assert.Equal(Art(11, 18), ReportSchedule.NextAfter(now));
    }

    [Fact]
    public void PastWednesday1800_TheDailyReportOfWednesdayIsDue_Once()
    {
        var due = ReportSchedule.DueBetween(Art(11, 17, 59), Art(11, 18, 1));

        var period = Assert.Single(due);
        Assert.Equal(ReportKind.Daily, period.Kind);
        Assert.Equal(new DateOnly(2031, 6, 11), period.FirstDay);
    }

    [Fact]
    public void OnFridayAt1800_TheDailyAndTheMondayToFridayReportsAreDue()
    {
        var due = ReportSchedule.DueBetween(Art(13, 17), Art(13, 18));

        Assert.Equal([ReportKind.Daily, ReportKind.WorkWeek], due.Select(p => p.Kind));
        Assert.All(due, p => Assert.Equal(new DateOnly(2031, 6, 13), p.LastDay));
    }

    [Fact]
    public void OnMondayMorning_TheFullWeekBeforeIsDue_At0600()
    {
        Assert.Equal(Art(16, 6), ReportSchedule.NextAfter(Art(16, 0, 30)));

        var period = Assert.Single(ReportSchedule.DueBetween(Art(16, 5), Art(16, 6)));
        Assert.Equal(ReportKind.Week, period.Kind);
        Assert.Equal(new DateOnly(2031, 6, 9), period.FirstDay);
        Assert.Equal(new DateOnly(2031, 6, 15), period.LastDay);
    }

    [Fact]
    public void AfterTwoDaysDown_EveryMissedReportIsDue_OldestFirst()
    {
        var due = ReportSchedule.DueBetween(Art(12, 10), Art(14, 19));

        Assert.Equal(
            [(ReportKind.Daily, 12), (ReportKind.Daily, 13), (ReportKind.WorkWeek, 13), (ReportKind.Daily, 14)],
            due.Select(p => (p.Kind, p.LastDay.Day)));
    }
}
