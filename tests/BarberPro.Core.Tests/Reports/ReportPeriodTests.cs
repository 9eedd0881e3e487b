using BarberPro.Core.Reports;

namespace BarberPro.Core.Tests.Reports;

public sealed class ReportPeriodTests
{
    private static readonly DateOnly s_wednesday = new(2031, 6, 11);

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2031, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Daily_RunsFromMidnightTo1800Art_AsUtcInstants()
    {
        var period = ReportPeriod.Daily(s_wednesday);

        Assert.Equal(Utc(6, 11, 3), period.Start);
        Assert.Equal(Utc(6, 11, 21), period.End);
        Assert.Equal(TimeSpan.FromHours(18), period.Length);
        Assert.Equal(period.End, period.ScheduledAt);
    }

    [Fact]
    public void Daily_PreviousPeriod_IsTheSameHoursOfTheDayBefore()
    {
        var previous = ReportPeriod.Daily(s_wednesday).Previous;

        Assert.Equal(new DateOnly(2031, 6, 10), previous.FirstDay);
        Assert.Equal(Utc(6, 10, 3), previous.Start);
        Assert.Equal(Utc(6, 10, 21), previous.End);
    }

    [Fact]
    public void WorkWeek_RunsFromMondayMidnightToFriday1800Art()
    {
        var period = ReportPeriod.WorkWeek(s_wednesday);

        Assert.Equal(new DateOnly(2031, 6, 9), period.FirstDay);
        Assert.Equal(new DateOnly(2031, 6, 13), period.LastDay);
        Assert.Equal(Utc(6, 9, 3), period.Start);
        Assert.Equal(Utc(6, 13, 21), period.End);
        Assert.Equal(Utc(6, 13, 21), period.ScheduledAt);
        Assert.Equal(Utc(6, 2, 3), period.Previous.Start);
    }

    [Fact]
    public void Week_RunsMondayToMonday_AndIsScheduledMonday0600Art()
    {
        var period = ReportPeriod.Week(s_wednesday);

        Assert.Equal(new DateOnly(2031, 6, 15), period.LastDay);
        Assert.Equal(Utc(6, 9, 3), period.Start);
        Assert.Equal(Utc(6, 16, 3), period.End);
        Assert.Equal(TimeSpan.FromDays(7), period.Length);
        Assert.Equal(Utc(6, 16, 9), period.ScheduledAt);
    }

    [Fact]
    public void OnDemand_CoversTodayToTheMinute()
    {
        var period = ReportPeriod.OnDemand(new DateTimeOffset(2031, 6, 11, 17, 42, 31, TimeSpan.Zero)); // 14:42:31 ART

        Assert.Equal(Utc(6, 11, 3), period.Start);
        Assert.Equal(new DateTimeOffset(2031, 6, 11, 17, 42, 0, TimeSpan.Zero), period.End);
        Assert.Null(period.ScheduledAt);
    }

    [Fact]
    public void OnDemand_JustAfterMidnightUtc_IsStillTheArgentinaDayBefore()
    {
        var period = ReportPeriod.OnDemand(new DateTimeOffset(2031, 6, 12, 1, 0, 0, TimeSpan.Zero)); // 22:00 ART on the 11th

        Assert.Equal(s_wednesday, period.FirstDay);
    }

    [Fact]
    public void Title_AndRange_NameTheArgentinaDays()
    {
        var period = ReportPeriod.Daily(s_wednesday);

        Assert.Equal("Daily performance report, Wed 11 Jun 2031", period.Title);
        Assert.Equal("Wed 11 Jun 2031 00:00 – 18:00 ART", period.RangeText);
        Assert.Equal("Mon 9 Jun 2031 00:00 – Mon 16 Jun 2031 00:00 ART", ReportPeriod.Week(s_wednesday).RangeText);
    }

    [Fact]
    public void Figure_WithoutData_SaysNoData_NeverZero()
    {
        var figure = new ReportFigure(ReportFigureKeys.LatencyP95, "Latency", "Latency p95", ReportUnits.Milliseconds, null, 120, "≤ 100 ms", null);

        Assert.Equal("no data", figure.Display);
        Assert.Equal("120 ms", figure.PreviousDisplay);
        Assert.Equal("no data", figure.ChangeText);
        Assert.Equal("—", figure.Verdict);
    }

    [Fact]
    public void Figure_RatioChange_IsInPercentagePoints()
    {
        var figure = new ReportFigure(ReportFigureKeys.Availability, "Availability", "Availability", ReportUnits.Ratio, 0.9995, 0.998, "≥ 99.9 %", true);

        Assert.Equal("99.950 %", figure.Display);
        Assert.Equal("+0.15 pt", figure.ChangeText);
        Assert.Equal("pass", figure.Verdict);
    }

    [Fact]
    public void BudgetSpent_IsTheShareOfTheErrorsTheSlaAllows()
    {
        Assert.Equal(0.5, ReportGatherer.BudgetSpent(0.9995, 0.999)!.Value, 6);
        Assert.Null(ReportGatherer.BudgetSpent(null, 0.999));
    }
}
