using BarberPro.Core.Live;

namespace BarberPro.Core.Tests.Live;

/// <summary>Issue 9's "signals that agree": the judgement rules behind the burn-rate verdict and the throughput tile.</summary>
public sealed class SignalsThatAgreeTests
{
    private static readonly ThresholdOptions s_thresholds = new();

    [Theory]
    [InlineData(7.5, 84.0, 3.0, 5.0, BurnState.Ok, "5 m at 84× but 1 h at 7.5×: below the 14.4× page rule")]
    [InlineData(20.0, 3.0, 2.0, 1.0, BurnState.Ok, "1 h at 20× but 5 m at 3×: below the 14.4× page rule")]
    [InlineData(20.0, 16.0, 8.0, 9.0, BurnState.FastBurn, "1 h at 20× and 5 m at 16×: above the 14.4× page rule")]
    [InlineData(4.0, 5.0, 7.2, 6.5, BurnState.SlowBurn, "6 h at 7.2× and 30 m at 6.5×: above the 6× ticket rule")]
    [InlineData(10.0, 30.0, 7.0, 8.0, BurnState.SlowBurn, "5 m at 30× but 1 h at 10×: below the 14.4× page rule; 6 h at 7× and 30 m at 8×: above the 6× ticket rule")]
    [InlineData(7.5, 84.0, 3.0, 9.0, BurnState.Ok, "5 m at 84× but 1 h at 7.5×: below the 14.4× page rule; 30 m at 9× but 6 h at 3×: below the 6× ticket rule")]
    [InlineData(0.5, 0.52, 0.4, 0.3, BurnState.Ok, "1 h at 0.5×, 6 h at 0.4×: below the 6× ticket and 14.4× page rules")]
    [InlineData(14.4, 14.4, 6.0, 6.0, BurnState.Ok, "1 h at 14.4×, 6 h at 6×: below the 6× ticket and 14.4× page rules")]
    [InlineData(1.0, null, 1.0, null, BurnState.Unknown, "no data for 5 m, 30 m")]
    public void TheBurnRateVerdict_SaysWhichWindowsDecidedIt(double? long1h, double? short5m, double? long6h, double? short30m, BurnState state, string text)
    {
        var verdict = Judge.BurnVerdict(long1h, short5m, long6h, short30m, s_thresholds);

        Assert.Equal((state, text), (verdict.State, verdict.Explanation));
        Assert.Equal(text, verdict.Words.ToString());
    }

    [Theory]
    [InlineData(5_000.0, 20_000.0, Level.Ok)]
    [InlineData(8_500.0, 40_000.0, Level.Ok)]
    [InlineData(9_000.0, 40_000.0, Level.Warning)]
    [InlineData(5_000.0, 6_000.0, Level.Warning)]
    [InlineData(6_000.0, 6_000.0, Level.Critical)]
    [InlineData(12_500.0, 50_000.0, Level.Critical)]
    [InlineData(9_000.0, null, Level.Warning)]
    [InlineData(5_000.0, null, Level.Ok)]
    [InlineData(null, 6_000.0, Level.Unknown)]
    public void RequestsPerSecond_AreJudgedAgainstSustainedPeakAndTheHpaMaximumsCapacity(double? rps, double? capacity, Level expected) =>
        Assert.Equal(expected, Judge.Throughput(rps, capacity, s_thresholds));

    [Theory]
    [InlineData(1_000.0, 10.0, 50.0, 5_000.0)]
    [InlineData(8_600.0, 43.0, 50.0, 10_000.0)]
    [InlineData(1_000.0, 0.0, 50.0, null)]
    [InlineData(1_000.0, null, 50.0, null)]
    [InlineData(1_000.0, 10.0, null, null)]
    [InlineData(null, 10.0, 50.0, null)]
    public void CapacityAtHpaMax_IsRequestsPerPodNowTimesTheMaximum(double? rps, double? pods, double? max, double? expected) =>
        Assert.Equal(expected, Judge.CapacityAtHpaMax(rps, pods, max));

    [Fact]
    public void FigureFormat_WritesWindowsAndMultiplesAsPeopleSayThem()
    {
        Assert.Equal("5 m", FigureFormat.Window(TimeSpan.FromMinutes(5)));
        Assert.Equal("1 h", FigureFormat.Window(TimeSpan.FromHours(1)));
        Assert.Equal("30 d", FigureFormat.Window(TimeSpan.FromDays(30)));
        Assert.Equal("75 s", FigureFormat.Window(TimeSpan.FromSeconds(75)));
        Assert.Equal("84×", FigureFormat.MultipleShort(84.04));
        Assert.Equal("14.4×", FigureFormat.MultipleShort(14.4));
        Assert.Equal("0.52×", FigureFormat.MultipleShort(0.5249));
    }

    [Fact]
    public void LiveOptionsValidator_RefusesACapacityWarningOutsideZeroToOne()
    {
        var options = new LiveOptions();
        options.Thresholds.CapacityWarning = 1.5;

        var result = new LiveOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("Live:Thresholds:CapacityWarning", StringComparison.Ordinal));
    }
}
