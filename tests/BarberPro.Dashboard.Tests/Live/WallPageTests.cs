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
