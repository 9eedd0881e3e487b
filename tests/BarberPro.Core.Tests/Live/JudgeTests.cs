using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Live;

public sealed class JudgeTests
{
    private static readonly ThresholdOptions s_thresholds = new();

    [Theory]
    [InlineData(0.0009, Level.Ok)]
    [InlineData(0.001, Level.Ok)]
    [InlineData(0.005, Level.Warning)]
    [InlineData(0.0101, Level.Critical)]
    public void ErrorRatio_IsJudgedAgainstTargetAndAlertLevel(double ratio, Level expected) =>
        Assert.Equal(expected, Judge.AtMost(ratio, s_thresholds.ErrorRatioTarget, s_thresholds.ErrorRatioCritical));

    [Theory]
    [InlineData(0.998, Level.Ok)]
    [InlineData(0.997, Level.Warning)]
    [InlineData(0.988, Level.Warning)]
    [InlineData(0.987, Level.Critical)]
    public void ARateBelowItsTarget_IsAWarningFirst_AndCriticalBelowTheFloor(double rate, Level expected) =>
        Assert.Equal(expected, Judge.AtLeast(rate, 0.998, 0.988));

    [Fact]
    public void MissingOrNaNValues_AreUnknown_NeverOk()
    {
        Assert.Equal(Level.Unknown, Judge.AtMost(null, 1, 2));
        Assert.Equal(Level.Unknown, Judge.AtMost(double.NaN, 1, 2));
        Assert.Equal(Level.Unknown, Judge.AtLeast(null, 0.999));
        Assert.Equal(Level.Unknown, Judge.Up(null));
    }

    [Theory]
    [InlineData(0.9995, 0.5)]
    [InlineData(0.999, 0)]
    [InlineData(1.0, 1)]
    [InlineData(0.998, -1)]
    public void BudgetLeft_IsOneMinusErrorsOverBudget(double availability, double expected) =>
        Assert.Equal(expected, Judge.BudgetLeft(availability, 0.999)!.Value, 6);

    [Theory]
    [InlineData(15, 15, 1, 1, BurnState.FastBurn)]
    [InlineData(15, 2, 1, 1, BurnState.Ok)]
    [InlineData(15, 2, 7, 7, BurnState.SlowBurn)]
    [InlineData(2, 2, 7, 3, BurnState.Ok)]
    [InlineData(1, 1, 1, 1, BurnState.Ok)]
    public void Burn_NeedsBothWindowsAboveTheThreshold(double h1, double m5, double h6, double m30, BurnState expected) =>
        Assert.Equal(expected, Judge.Burn(h1, m5, h6, m30, s_thresholds));

    [Theory]
    [InlineData(10, 50, Level.Ok)]
    [InlineData(40, 50, Level.Warning)]
    [InlineData(50, 50, Level.Critical)]
    public void Pods_AtTheHpaMaximum_HaveNoHeadroom(double current, double max, Level expected) =>
        Assert.Equal(expected, Judge.Pods(current, max));

    [Fact]
    public void ScaleEvents_AreTheChangePoints_NewestFirst()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        PrometheusSample At(int minutes, double v) => new(t0.AddMinutes(minutes), v);
        var events = ScaleEvents.FromSeries([At(0, 5), At(1, 5), At(2, 15), At(3, 15), At(4, 12), At(5, double.NaN), At(6, 12)]);
        Assert.Equal([new ScaleEvent(t0.AddMinutes(4), 15, 12), new ScaleEvent(t0.AddMinutes(2), 5, 15)], events);
    }

    [Fact]
    public void CostModel_BlendsReservedSpotAndOnDemand()
    {
        var model = new CostModelOptions
        {
            OnDemandPricePerPodHourUsd = 1, ReservedCoverage = 0.5, ReservedDiscount = 0.5, SpotShare = 0.5, SpotDiscount = 0.8,
        };
        // half reserved at 0.5, a quarter spot at 0.2, a quarter on demand at 1
        Assert.Equal((0.5 * 0.5) + (0.25 * 0.2) + (0.25 * 1), model.EffectivePricePerPodHourUsd, 9);
    }

    [Fact]
    public void LiveOptionsValidator_NamesEveryBadSetting()
    {
        var options = new LiveOptions { PollInterval = TimeSpan.FromMilliseconds(200), Cities = [] };
        options.Thresholds.SlaTarget = 1.5;
        options.Thresholds.CpuAlert = 0.1;
        var result = new LiveOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Live:PollInterval", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Live:Cities", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Live:Thresholds:SlaTarget", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Live:Thresholds:CpuAlert", StringComparison.Ordinal));
    }

    [Fact]
    public void FigureFormat_WritesUnits()
    {
        Assert.Equal("99.943 %", FigureFormat.Percent(0.99943, 3));
        Assert.Equal("87 ms", FigureFormat.Milliseconds(87.2));
        Assert.Equal("8,512 rps", FigureFormat.Rate(8512.4));
    }
}
