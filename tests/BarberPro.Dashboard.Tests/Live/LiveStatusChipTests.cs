using BarberPro.Core.Live;
using BarberPro.Dashboard.Live;
using Bunit;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>The app bar's chip: the platform's worst state in words and the number of firing alerts, on every page.</summary>
public sealed class LiveStatusChipTests : LiveComponentContext
{
    [Fact]
    public void TheChip_ShowsTheWorstStateAndFiringCount_AndFollowsNewSnapshots()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), Alerts()));
        var chip = Render<LiveStatusChip>();
        Assert.Equal(("Normal", "· 0 alerts firing"), (chip.Find("[data-chip-state]").TextContent, chip.Find("[data-chip-firing]").TextContent));

        Snapshots.Publish(Snapshot(2, RedisDown(), Alerts(
            new AlertItem("RedisDown", "firing", "critical", "Redis is down", At),
            new AlertItem("HighLatency", "firing", "warning", "p95 high", At),
            new AlertItem("HighCPUUsage", "pending", "warning", "CPU", At))));

        chip.WaitForAssertion(() => Assert.Equal("Down", chip.Find("[data-chip-state]").TextContent));
        Assert.Equal("· 2 alerts firing", chip.Find("[data-chip-firing]").TextContent);
        var link = chip.Find("[data-live-chip]");
        Assert.Equal("/", link.GetAttribute("href"));
        Assert.Contains("level-critical", link.ClassName, StringComparison.Ordinal);
        Assert.Equal("✖", link.QuerySelector(".icon")!.TextContent);
    }

    [Fact]
    public void ASnapshotThatChangesNothingTheChipShows_CostsItNoRender()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), Alerts()));
        var chip = Render<LiveStatusChip>();
        var renders = chip.RenderCount;

        Snapshots.Publish(Snapshot(2, Calm(PrometheusPanelSources.Latency, "Latency"), Alerts()));
        Assert.Equal(renders, chip.RenderCount);

        Snapshots.Publish(Snapshot(3, RedisDown(), Alerts()));
        chip.WaitForAssertion(() => Assert.Equal("Down", chip.Find("[data-chip-state]").TextContent));
        Assert.Equal(renders + 1, chip.RenderCount);
    }

    [Fact]
    public void BeforeAnyReading_TheChipSaysUnknown_NeverZeroFiring()
    {
        var chip = Render<LiveStatusChip>();

        Assert.Equal(("Unknown", "· alerts unknown"), (chip.Find("[data-chip-state]").TextContent, chip.Find("[data-chip-firing]").TextContent));
    }
}
