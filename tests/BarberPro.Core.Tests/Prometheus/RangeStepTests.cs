using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class RangeStepTests
{
    private static readonly TimeSpan s_scrape = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("15m", 15, 61)]
    [InlineData("1h", 15, 241)]
    [InlineData("6h", 30, 721)]
    [InlineData("24h", 120, 721)]
    [InlineData("7d", 900, 673)]
    public void Calculate_StandardRanges_GiveNiceStepsAndAtMostAThousandPoints(string range, int stepSeconds, int maxPoints)
    {
        var end = new ManualTimeProvider().GetUtcNow();

        var window = RangeStep.Calculate(end, RangeStep.StandardRanges[range], s_scrape);

        Assert.Equal(TimeSpan.FromSeconds(stepSeconds), window.Step);
        Assert.InRange(window.PointCount, maxPoints - 1, maxPoints);
        Assert.True(window.PointCount <= RangeStep.DefaultMaxPoints);
    }

    [Fact]
    public void Calculate_AnyEnd_AlignsStartAndEndToTheStep()
    {
        var time = new ManualTimeProvider();
        for (var i = 0; i < 50; i++)
        {
            var end = time.GetUtcNow();
            var window = RangeStep.Calculate(end, TimeSpan.FromHours(6), s_scrape);

            Assert.Equal(0, window.Start.ToUnixTimeMilliseconds() % (long)window.Step.TotalMilliseconds);
            Assert.Equal(0, window.End.ToUnixTimeMilliseconds() % (long)window.Step.TotalMilliseconds);
            Assert.True(window.End <= end);
            Assert.True(end - window.End < window.Step);
            Assert.True(window.End - window.Start >= TimeSpan.FromHours(6) - window.Step);
            time.Advance(TimeSpan.FromMilliseconds(7_919));
        }
    }

    [Fact]
    public void Calculate_TwoRefreshesWithinOneStep_GiveTheSameWindow()
    {
        // 1_763_872_320 is a multiple of the 2-minute step of a 24h range.
        var end = DateTimeOffset.FromUnixTimeSeconds(1_763_872_320 + 10);

        Assert.Equal(
            RangeStep.Calculate(end, TimeSpan.FromHours(24), s_scrape),
            RangeStep.Calculate(end.AddSeconds(100), TimeSpan.FromHours(24), s_scrape));
    }

    [Theory]
    [InlineData(60, 1, 1)]
    [InlineData(3_600, 1, 5)]
    [InlineData(86_400 * 30, 1, 3_600)]
    [InlineData(86_400 * 365, 1, 43_200)]
    [InlineData(86_400 * 3_650, 1, 86_400 * 4)]
    public void Step_AnyRange_IsTheSmallestNiceIntervalAboveRangePerPoint(long rangeSeconds, int scrapeSeconds, long expectedStepSeconds)
    {
        var step = RangeStep.Step(TimeSpan.FromSeconds(rangeSeconds), TimeSpan.FromSeconds(scrapeSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedStepSeconds), step);
        Assert.True(TimeSpan.FromSeconds(rangeSeconds) / step <= RangeStep.DefaultMaxPoints - 1);
    }

    [Fact]
    public void Step_ShortRange_IsNeverFinerThanTheScrapeInterval()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RangeStep.Step(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(10), RangeStep.Step(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(7)));
    }

    [Fact]
    public void Step_FewerPointsAllowed_GivesCoarserStep()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), RangeStep.Step(TimeSpan.FromHours(24), s_scrape, maxPoints: 500));
    }

    [Theory]
    [InlineData(15, 15, 60)]
    [InlineData(30, 15, 60)]
    [InlineData(120, 15, 135)]
    [InlineData(900, 15, 915)]
    [InlineData(1, 1, 4)]
    public void RateWindow_Step_IsTheLargerOfStepPlusScrapeAndFourScrapes(int stepSeconds, int scrapeSeconds, int expectedSeconds)
    {
        Assert.Equal(
            TimeSpan.FromSeconds(expectedSeconds),
            RangeStep.RateWindow(TimeSpan.FromSeconds(stepSeconds), TimeSpan.FromSeconds(scrapeSeconds)));
    }

    [Fact]
    public void Calculate_SevenDays_RateWindowCoversTheStep()
    {
        var window = RangeStep.Calculate(DateTimeOffset.FromUnixTimeSeconds(1_763_872_410), TimeSpan.FromDays(7), s_scrape);

        Assert.Equal(TimeSpan.FromSeconds(915), window.RateWindow);
        Assert.Equal("15m15s", PromQl.FormatDuration(window.RateWindow));
    }

    [Fact]
    public void InstantRateWindow_Always_IsFourScrapes()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), RangeStep.InstantRateWindow(s_scrape));
    }

    [Fact]
    public void Calculate_InvalidArguments_AreRejected()
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(1_763_872_410);

        Assert.Throws<ArgumentOutOfRangeException>(() => RangeStep.Calculate(end, TimeSpan.Zero, s_scrape));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeStep.Calculate(end, TimeSpan.FromHours(1), TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeStep.Calculate(end, TimeSpan.FromHours(1), s_scrape, maxPoints: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeStep.RateWindow(TimeSpan.Zero, s_scrape));
    }
}
