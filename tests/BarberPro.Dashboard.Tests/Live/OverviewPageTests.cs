using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Live;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>The overview rendered with a fake snapshot store: what a user sees, and how it follows new snapshots.</summary>
public sealed class OverviewPageTests : LiveComponentContext
{
    [Fact]
    public void ANewSnapshot_ReRendersThePage_WithTheBannerNamingWhatIsDown()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), Calm(PrometheusPanelSources.Dependencies, "Dependencies")));
        var page = Render<OverviewPage>();
        Assert.Equal("All systems normal", page.Find("[data-banner-text]").TextContent);
        Assert.Equal("1", page.Find("[data-live-version]").TextContent);

        Snapshots.Publish(Snapshot(2, Calm(PrometheusPanelSources.Latency, "Latency"), RedisDown(),
            Alerts(new AlertItem("RedisDown", "firing", "critical", "Redis is down", At))));

        page.WaitForAssertion(() => Assert.Equal("Down: Dependencies (Redis); RedisDown firing", page.Find("[data-banner-text]").TextContent));
        Assert.Equal("2", page.Find("[data-live-version]").TextContent);
        var redis = page.Find("[data-panel=dependencies] [data-figure=redis]");
        Assert.Equal("down", redis.QuerySelector("[data-value]")!.TextContent);
        Assert.Equal("Critical", redis.QuerySelector("[data-figure-state]")!.TextContent);
        Assert.Contains("level-critical", redis.ClassName, StringComparison.Ordinal);
        Assert.Equal("RedisDown", page.Find("[data-alert-list] [data-alert]").GetAttribute("data-alert"));
    }

    [Fact]
    public void TwentyPages_ShareOneRenderOfEachTile_PerView()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), RedisDown()));
        var pages = Enumerable.Range(0, 20).Select(_ => Render<OverviewPage>()).ToList();

        // Two tiles and the banner, rendered once for the twenty pages, and the same on each.
        Assert.Equal(3, Markup.Rendered);
        Assert.All(pages, page => Assert.Equal(pages[0].Find("[data-panel=dependencies]").OuterHtml, page.Find("[data-panel=dependencies]").OuterHtml));
        Assert.Equal("down", pages[^1].Find("[data-panel=dependencies] [data-figure=redis] [data-value]").TextContent);

        Snapshots.Publish(Snapshot(2, Calm(PrometheusPanelSources.Latency, "Latency"), RedisDown().Failed("connection refused", At.AddSeconds(10))));

        Assert.All(pages, page => page.WaitForAssertion(() =>
            Assert.Equal("stale since 12:00:15", page.Find("[data-panel=dependencies] [data-panel-status]").TextContent)));
        Assert.Equal(6, Markup.Rendered);
    }

    /// <summary>A tile's variants are its link for each range the charts know, and no link: pages opened with other
    /// ranges (the page falls back to its default) add none, so each view renders a bounded set ahead.</summary>
    [Fact]
    public void TileVariants_AreTheKnownRanges_AndEachViewRendersOnlyThoseInUse()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency"), RedisDown()));
        var latency = Views.Current.Panels.Single(p => p.Key == PrometheusPanelSources.Latency);
        var dependencies = Views.Current.Panels.Single(p => p.Key == PrometheusPanelSources.Dependencies);
        Assert.NotNull(latency.ChartKey);
        Assert.Null(dependencies.ChartKey);

        Assert.Throws<ArgumentException>(() => Markup.Tile(latency, "13m"));
        Assert.Contains("href=\"/?range=6h&amp;chart=latency\"", Markup.Tile(latency, "6h").Value, StringComparison.Ordinal);
        Assert.DoesNotContain("href", Markup.Tile(latency, null).Value, StringComparison.Ordinal);
        // A panel without a chart has one rendering for every range.
        Assert.Same(Markup.Tile(dependencies, "6h").Value, Markup.Tile(dependencies, "7d").Value);

        foreach (var range in new[] { "15m", "bogus", "15m", "24h" })
        {
            var uri = Services.GetRequiredService<NavigationManager>().GetUriWithQueryParameter("range", range);
            Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
            Render<OverviewPage>();
        }
        var before = Markup.Rendered;
        Snapshots.Publish(Snapshot(2, Calm(PrometheusPanelSources.Latency, "Latency"), RedisDown()));

        // Variants in use: no link, 6h, 7d (above), 15m, 1h (the default, for "bogus"), 24h: the latency tile in each
        // (6), the dependencies tile once, and the banner.
        Assert.Equal(before + 8, Markup.Rendered);
    }

    [Fact]
    public void AStaleTile_KeepsItsRedSeverity_AndSaysStaleSince()
    {
        Snapshots.Publish(Snapshot(1, RedisDown()));
        var page = Render<OverviewPage>();

        Snapshots.Publish(Snapshot(2, RedisDown().Failed("connection refused", At.AddSeconds(10))));

        page.WaitForAssertion(() => Assert.Equal("stale since 12:00:15", page.Find("[data-panel=dependencies] [data-panel-status]").TextContent));
        var tile = page.Find("[data-panel=dependencies]");
        Assert.Equal(("stale", "critical"), (tile.GetAttribute("data-status"), tile.GetAttribute("data-level")));
        Assert.Contains("level-critical", tile.ClassName, StringComparison.Ordinal);
        Assert.Equal("✖ Critical", tile.QuerySelector("[data-panel-state]")!.TextContent);
        Assert.Equal("down", tile.QuerySelector("[data-figure=redis] [data-value]")!.TextContent);
        Assert.Equal("connection refused", tile.QuerySelector("[data-panel-error]")!.TextContent);
    }

    [Fact]
    public void ThePageBadge_StopsSayingLive_WhenNoSnapshotArrivesForTwoPollIntervals()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency")));
        var page = Render<OverviewPage>();
        Assert.Equal("live", page.Find("[data-live-connection]").TextContent);

        Time.Advance(TimeSpan.FromSeconds(10));

        page.WaitForAssertion(() => Assert.Equal("stalled — no update from the server since 12:00:05", page.Find("[data-live-connection]").TextContent));
        Assert.Equal("stale since 12:00:05", page.Find("[data-panel=latency] [data-panel-status]").TextContent);
        Assert.Equal("as last known", page.Find("[data-banner-stalled]").TextContent);
    }

    [Fact]
    public void TheRangeAndTheOpenedChart_ComeFromTheUrl_AndReachTheChartGrid()
    {
        Snapshots.Publish(Snapshot(1, Calm(PrometheusPanelSources.Latency, "Latency")));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?range=6h&chart=latency");

        var page = Render<OverviewPage>();

        var grid = page.FindComponent<Stub<ChartGrid>>().Instance.Parameters;
        Assert.Equal(("6h", ChartKeys.Latency), (grid.Get(g => g.Range), grid.Get(g => g.Focus)));
        Assert.Equal("true", page.Find("[data-range-picker] [data-range='6h']").GetAttribute("aria-current"));
        Assert.Equal("/?range=6h&chart=latency", page.Find("[data-panel=latency] [data-open-chart]").GetAttribute("href"));
    }

    [Fact]
    public void AnUnknownRangeOrChartInTheUrl_FallsBackToTheDefaults()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?range=99y&chart=%3Cscript%3E");

        var page = Render<OverviewPage>();

        var grid = page.FindComponent<Stub<ChartGrid>>().Instance.Parameters;
        Assert.Equal(("1h", (string?)null), (grid.Get(g => g.Range), grid.Get(g => g.Focus)));
    }

    [Fact]
    public void PickingARange_ReplacesTheUrl_WithoutAHistoryEntry()
    {
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/?chart=errors");
        var page = Render<OverviewPage>();

        page.Find("[data-range-picker] [data-range='24h']").Click();

        Assert.Equal("http://localhost/?chart=errors&range=24h", navigation.Uri);
        Assert.True(navigation.History.First().Options.ReplaceHistoryEntry);
        page.WaitForAssertion(() => Assert.Equal("24h", page.FindComponent<Stub<ChartGrid>>().Instance.Parameters.Get(g => g.Range)));
    }

    [Fact]
    public async Task ABurstOfSnapshots_WhileTheCircuitIsBusy_CausesOneRenderOfTheNewest()
    {
        var page = Render<OverviewPage>();
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = Task.Run(() => page.InvokeAsync(() => { started.Set(); release.Wait(TimeSpan.FromSeconds(10)); }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
        var before = page.RenderCount;

        for (var version = 1; version <= 50; version++)
        {
            Snapshots.Publish(Snapshot(version, Calm(PrometheusPanelSources.Latency, "Latency")));
        }
        release.Set();
        await busy;

        page.WaitForAssertion(() => Assert.Equal("50", page.Find("[data-live-version]").TextContent));
        Assert.Equal(before + 1, page.RenderCount);
    }

    [Fact]
    public async Task DisposingThePage_EndsItsSubscription()
    {
        var page = Render<OverviewPage>();
        var renders = page.RenderCount;

        await DisposeComponentsAsync();
        Snapshots.Publish(Snapshot(9, Calm(PrometheusPanelSources.Latency, "Latency")));

        Assert.Equal(renders, page.RenderCount);
    }
}
