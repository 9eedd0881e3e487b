using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Localization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Incidents;

/// <summary>The overview's mean time to resolve: ours, from the summary the recorder publishes, never the seeds' 4.2 min.</summary>
public sealed class MttrFigureTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly BunitContext _context = new();
    private readonly IncidentSummaryStore _store = new();

    public MttrFigureTests()
    {
        _context.Services.AddSingleton(_store);
        _context.Services.AddDashboardStrings();
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void ShowsTheMeanOverThirtyDays_AndFollowsNewSummaries()
    {
        var figure = _context.Render<MttrFigure>();
        Assert.Equal("not read yet", figure.Find("[data-mttr-text]").TextContent);

        _store.Publish(new IncidentSummary(Now, Open: 1, PostMortemsDue: 0, ResolvedInWindow: 2, MeanTimeToResolve: TimeSpan.FromMinutes(7.5)));

        figure.WaitForAssertion(() => Assert.Equal("7 min", figure.Find("[data-mttr-text]").TextContent));
        Assert.Equal("450", figure.Find("[data-mttr]").GetAttribute("data-mttr"));
        Assert.Contains("over 2 incidents", figure.Markup, StringComparison.Ordinal);
        Assert.Equal("▲ 1 open", figure.Find("[data-mttr-open]").TextContent.Trim());
        Assert.DoesNotContain("4.2", figure.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNoIncidentResolvedInThirtyDays_SaysSo()
    {
        _store.Publish(new IncidentSummary(Now, 0, 3, 0, null));

        var figure = _context.Render<MttrFigure>();

        Assert.Equal("no incident in 30 days", figure.Find("[data-mttr-text]").TextContent);
        Assert.Empty(figure.FindAll("[data-mttr-open]"));
        Assert.Equal("/incidents", figure.Find("a").GetAttribute("href"));
    }
}
