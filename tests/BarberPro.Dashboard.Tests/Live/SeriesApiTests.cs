using System.Net;
using System.Text.Json;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Live;

public sealed class SeriesApiTests(SeriesCountingFactory factory) : IClassFixture<SeriesCountingFactory>
{
    [Fact]
    public async Task AHundredViewersOpeningTheSame7DayChartTogether_CauseOneRangeQueryToPrometheus()
    {
        using var first = await factory.SignInAsRoleAsync(Roles.Viewer);
        using var second = await factory.SignInAsRoleAsync(Roles.Viewer);
        TestBrowser[] viewers = [first, second];

        // The 7-day window moves every 15 minutes; do not start a second before it does.
        var untilBoundary = TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(DateTimeOffset.UtcNow.Ticks % TimeSpan.FromMinutes(15).Ticks);
        if (untilBoundary < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(untilBoundary + TimeSpan.FromSeconds(1));
        }

        // Other tests of this class may have drawn another 7-day chart before; only this burst counts.
        var before = factory.SevenDayRangeQueries;
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            viewers[i % viewers.Length].Http.GetAsync("/api/series?panel=throughput&range=7d")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, factory.SevenDayRangeQueries - before);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("throughput", "15m")]
    [InlineData("latency", "1h")]
    [InlineData("pods", "7d")]
    public async Task Series_StayUnderAThousandPoints_WithAnAlignedStep_AndSpanTheWholeWindow(string panel, string range)
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var response = await browser.Http.GetAsync($"/api/series?panel={panel}&range={range}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var step = json.RootElement.GetProperty("stepSeconds").GetInt64();
        Assert.Equal((long)RangeStep.Step(RangeStep.StandardRanges[range], TimeSpan.FromSeconds(1)).TotalSeconds, step);
        var start = json.RootElement.GetProperty("start").GetDateTimeOffset();
        Assert.Equal(0, start.ToUnixTimeSeconds() % step);
        var end = json.RootElement.GetProperty("end").GetDateTimeOffset();
        var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            // One point per step from start to end, null where Prometheus had nothing: gaps stay gaps.
            var points = line.GetProperty("points").EnumerateArray().ToList();
            Assert.True(points.Count <= 1000);
            Assert.Equal(((end - start).TotalSeconds / step) + 1, points.Count);
            Assert.Equal(start.ToUnixTimeMilliseconds(), points[0][0].GetInt64());
            Assert.Equal(end.ToUnixTimeMilliseconds(), points[^1][0].GetInt64());
        }
    }

    [Theory]
    [InlineData("/api/series?panel=up&range=1h")]
    [InlineData("/api/series?panel=throughput&range=13m")]
    [InlineData("/api/series?panel=sum(rate(http_requests_total[5m]))&range=1h")]
    [InlineData("/api/series")]
    public async Task Series_RefuseAnythingButTheKnownChartsAndRanges(string url)
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var response = await browser.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be one of", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_IsRenderedFromTheLatestSnapshot_BeforeAnySocketConnects()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string html;
        do
        {
            html = await browser.Http.GetStringAsync("/");
            await Task.Delay(200);
        }
        while (!html.Contains("data-figure=\"rps\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.NotNull(document.QuerySelector("[data-panel=throughput] [data-figure=rps] [data-value]"));
        Assert.NotNull(document.QuerySelector("[data-live-connection]"));
        Assert.NotNull(document.QuerySelector("[data-banner-text]"));
    }
}
