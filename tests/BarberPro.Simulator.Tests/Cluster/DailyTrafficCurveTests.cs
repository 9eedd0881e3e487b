using BarberPro.Simulator.Cluster;

namespace BarberPro.Simulator.Tests.Cluster;

public sealed class DailyTrafficCurveTests
{
    // 2026-03-10 is a Tuesday; Argentina is UTC−3 all year.
    private static DateTimeOffset Art(int hour, int minute = 0) => new(2026, 3, 10, hour, minute, 0, TimeSpan.FromHours(-3));

    [Fact]
    public void RequestsPerSecond_FiveInTheMorningArgentineTime_IsAbout800() =>
        Assert.InRange(DailyTrafficCurve.RequestsPerSecond(Art(5)), 750, 850);

    [Fact]
    public void RequestsPerSecond_EveningPeak_IsAbout8500() =>
        Assert.InRange(DailyTrafficCurve.RequestsPerSecond(Art(20)), 8_400, 8_600);

    [Fact]
    public void RequestsPerSecond_UsesArgentineTimeWhateverTheOffsetOfTheInstant()
    {
        var peakInUtc = Art(20).ToUniversalTime();

        Assert.Equal(TimeSpan.Zero, peakInUtc.Offset);
        Assert.Equal(DailyTrafficCurve.RequestsPerSecond(Art(20)), DailyTrafficCurve.RequestsPerSecond(peakInUtc), 6);
        Assert.True(DailyTrafficCurve.RequestsPerSecond(new DateTimeOffset(2026, 3, 10, 5, 0, 0, TimeSpan.Zero)) > 1_500, "05:00 UTC is 02:00 ART (about 1,600 rps), not the 5 AM low");
    }

    [Fact]
    public void RequestsPerSecond_AcrossTheDay_IsContinuousAndPositive()
    {
        var previous = DailyTrafficCurve.RequestsPerSecond(Art(0));
        for (var minute = 1; minute < 24 * 60; minute++)
        {
            var value = DailyTrafficCurve.RequestsPerSecond(Art(minute / 60, minute % 60));
            Assert.InRange(value, 790, 8_600);
            Assert.True(Math.Abs(value - previous) < 100, $"jump at minute {minute}");
            previous = value;
        }
    }
}
