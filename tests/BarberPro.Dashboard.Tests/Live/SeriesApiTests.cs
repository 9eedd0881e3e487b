using System.Net;
using System.Text.Json;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Live;

public sealed class SeriesApiTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    // A 7 d chart on a test stack minutes old may not have reached its first aligned point yet: no minimum there.
    [Theory]
    [InlineData("throughput", "15m", 1)]
    [InlineData("latency", "1h", 1)]
    [InlineData("pods", "7d", 0)]
    public async Task Series_StayUnderAThousandPoints_WithAnAlignedStep(string panel, string range, int minimumPoints)
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var response = await browser.Http.GetAsync($"/api/series?panel={panel}&range={range}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var step = json.RootElement.GetProperty("stepSeconds").GetInt64();
        Assert.Equal((long)RangeStep.Step(RangeStep.StandardRanges[range], TimeSpan.FromSeconds(1)).TotalSeconds, step);
        var start = json.RootElement.GetProperty("start").GetDateTimeOffset();
        Assert.Equal(0, start.ToUnixTimeSeconds() % step);
        var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.InRange(line.GetProperty("points").GetArrayLength(), minimumPoints, 1000));
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
        Assert.NotNull(document.QuerySelector("[data-chart=latency]"));
    }
}
