using BarberPro.Core.Charts;
using BarberPro.Core.Live;

namespace BarberPro.Core.Tests.Charts;

/// <summary>The rules of chart shaping that do not need a series: axis time, live points, the card's words.</summary>
public sealed class ChartShaperTests
{
    private static readonly DateTimeOffset At = new(2031, 3, 10, 15, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("%", 2)]
    [InlineData("rps", 0)]
    [InlineData("ms", 0)]
    [InlineData("pods", 0)]
    public void TheYAxis_ShowsDecimalsOnlyForRatios(string unit, int decimals) =>
        Assert.Equal(decimals, ChartShaper.AxisDecimals(unit));

    [Fact]
    public void AxisTime_IsArgentinaWallClockReadAsUtc()
    {
        var axis = ChartTime.AxisMilliseconds(At);

        Assert.Equal(new DateTimeOffset(2031, 3, 10, 12, 15, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), axis);
        Assert.Equal(axis, ChartTime.AxisMilliseconds(At.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void ALivePoint_TakesEachLinesFigureInTheChartsUnit_AndNullForAPanelWithoutCurrentData()
    {
        var errors = ChartCatalog.Charts[ChartKeys.Errors];
        var latency = ChartCatalog.Charts[ChartKeys.Latency];
        var snapshot = Snapshot(
            Panel(PrometheusPanelSources.Errors, PanelStatus.Data, At, new Figure("ratio5xx", "5xx", 0.0123, "ratio", "1.230 %", Level.Critical, null)),
            Panel(PrometheusPanelSources.Latency, PanelStatus.Stale, At.AddMinutes(-1), new Figure("avg", "Average", 40, "ms", "40 ms", Level.Ok, null)));

        var point = ChartShaper.LivePoint(errors, snapshot);
        Assert.NotNull(point);
        Assert.Equal(At, point.At);
        Assert.Equal([1.23], point.Values);

        // A stale panel's last value is not a current point: nothing to append (the grid draws a gap).
        Assert.Null(ChartShaper.LivePoint(latency, snapshot));
    }

    [Fact]
    public void TheCardSays_StaleSinceInArgentinaTime_OrNoLiveData_OrNothingWhenCurrent()
    {
        var stale = Panel(PrometheusPanelSources.Latency, PanelStatus.Stale, At.AddMinutes(-2), []) with { StaleSince = At, Error = "timeout after 5 s" };
        var never = Panel(PrometheusPanelSources.Errors, PanelStatus.Error, null, []) with { Error = "Waiting for the first answer." };
        var current = Panel(PrometheusPanelSources.Throughput, PanelStatus.Data, At, []);
        var snapshot = Snapshot(stale, never, current);

        Assert.Equal("Stale since 12:15 ART: the source stopped answering (timeout after 5 s); the chart stops at its last values.",
            ChartShaper.Status(ChartCatalog.Charts[ChartKeys.Latency], snapshot));
        Assert.Equal("No live data: Waiting for the first answer.", ChartShaper.Status(ChartCatalog.Charts[ChartKeys.Errors], snapshot));
        Assert.Null(ChartShaper.Status(ChartCatalog.Charts[ChartKeys.Throughput], snapshot));
    }

    [Fact]
    public void ThresholdsRelativeToTheCluster_AreLeftOut_UntilTheSnapshotKnowsTheCluster()
    {
        var annotations = ChartShaper.Annotations(ChartCatalog.Charts[ChartKeys.Pods], Snapshot(), new ThresholdOptions(), At.AddHours(-1), At);

        Assert.Empty(annotations.Yaxis);
        Assert.Empty(annotations.Xaxis);
    }

    private static PanelSnapshot Panel(string key, PanelStatus status, DateTimeOffset? asOf, params Figure[] figures) =>
        new(key, key, status, asOf, null, null, figures, [], []);

    private static LiveSnapshot Snapshot(params PanelSnapshot[] panels) => new(7, At, TimeSpan.FromSeconds(5), panels);
}
