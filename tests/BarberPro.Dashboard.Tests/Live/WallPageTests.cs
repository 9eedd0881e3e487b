using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Live;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>The wall: every panel and the banner, no navigation, rotating between boards on the shared clock.</summary>
public sealed class WallPageTests : LiveComponentContext
{
    [Fact]
    public void TheWall_ShowsEveryPanelAndTheBanner_WithoutChartLinks_AndFollowsNewSnapshots()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), Calm(PrometheusPanelSources.Dependencies, "Dependencies")));
        var wall = Render<WallPage>();
        Assert.Equal(2, wall.FindAll("[data-panel]").Count);
        Assert.Empty(wall.FindAll("a"));

        Snapshots.Publish(Snapshot(2, Calm(PrometheusPanelSources.Latency, "Latency"), RedisDown()));

        wall.WaitForAssertion(() => Assert.Equal("Down: Dependencies (Redis)", wall.Find("[data-banner-text]").TextContent));
    }

    [Fact]
    public void ThePanelBoard_SaysTheWindowsInForceAndTheOpenIncidentsInWords_TheChartBoardLeavesThemToItsBands()
    {
        Events.Publish(
        [
            new ChartEvent(ChartEventKind.Maintenance, At.AddHours(-1), At.AddHours(2), "database upgrade", ""),
            new ChartEvent(ChartEventKind.Maintenance, At.AddHours(-3), At.AddHours(-2), "yesterday's window", ""),
            new ChartEvent(ChartEventKind.Incident, At.AddMinutes(-25), null, "Checkout errors", "critical") { Number = 7 },
            new ChartEvent(ChartEventKind.Incident, At.AddHours(-5), At.AddHours(-4), "Resolved one", "warning") { Number = 6 },
            new ChartEvent(ChartEventKind.Firing, At.AddMinutes(-5), null, "HighErrorRate", "critical"),
        ], At);
        var wall = Render<WallPage>();

        // 15:00:05 UTC is 12:00:05 ART: the window ends at 14:00, the incident opened at 11:35.
        Assert.Equal(["In maintenance until 14:00 ART: database upgrade", "Incident #7 open since 11:35 ART: Checkout errors"],
            wall.FindAll("[data-wall-notices] li").Select(li => li.TextContent));

        Services.GetRequiredService<NavigationManager>().NavigateTo("/wall?board=charts");
        var charts = Render<WallPage>();
        Assert.Empty(charts.FindAll("[data-wall-notices]"));
    }

    [Fact]
    public void WithoutWindowsOrIncidents_ThePanelBoardHasNoNoticeLine()
    {
        Events.Publish([new ChartEvent(ChartEventKind.Firing, At.AddMinutes(-5), null, "HighErrorRate", "critical")], At);

        var wall = Render<WallPage>();

        Assert.Empty(wall.FindAll("[data-wall-notices]"));
        Assert.NotEmpty(wall.FindAll("[data-live-root]"));
    }

    [Fact]
    public void WithRotate_TheWallAlternatesPanelsAndCharts_OnTheClock()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/wall?rotate=30s");
        var wall = Render<WallPage>();
        Assert.Equal("panels", wall.Find("[data-live-root]").GetAttribute("data-board"));

        Time.Advance(TimeSpan.FromSeconds(30));
        wall.WaitForAssertion(() => Assert.Equal("charts", wall.Find("[data-live-root]").GetAttribute("data-board")));

        Time.Advance(TimeSpan.FromSeconds(30));
        wall.WaitForAssertion(() => Assert.Equal("panels", wall.Find("[data-live-root]").GetAttribute("data-board")));
    }

    [Fact]
    public void WithoutRotate_OrWithOneTooFast_TheWallStaysOnItsBoard()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/wall?rotate=1s");
        var wall = Render<WallPage>();

        Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("panels", wall.Find("[data-live-root]").GetAttribute("data-board"));
    }
}
