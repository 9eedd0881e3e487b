using System.Globalization;
using System.Net;
using System.Text;
using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Tests.Prometheus;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Live;

/// <summary>The panels built from recorded Prometheus answers: the query decides the answer, as on a real server.</summary>
public sealed partial class PrometheusPanelSourcesTests : IDisposable
{
    private readonly PrometheusTestHost _host = new();
    private readonly Dictionary<string, double?> _answers = new(StringComparer.Ordinal);
    private readonly LiveOptions _live = new();
    private string _alertsAnswer = PrometheusFixtures.NoAlerts;
    private string _rulesAnswer = RecordedAnswers.RulesHealthy;

    public PrometheusPanelSourcesTests() => _host.Handler.Fallback = AnswerAsync;

    private PrometheusPanelSources Sources() => new(_host.Client, new PanelQueryCatalog(Options.Create(new PanelQueryOptions())),
        Options.Create(_live), Options.Create(new CostModelOptions()));

    [Fact]
    public async Task Throughput_NeverShowsAPeakBelowTheCurrentRate()
    {
        _answers["max_over_time("] = 1094;
        _answers["sum(rate(http_requests_total"] = 1544;

        var reading = await Sources().Get(PrometheusPanelSources.Throughput).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal("1,544 rps", reading.Figures.Single(f => f.Key == "rps").Display);
        Assert.Equal(1544, reading.Figures.Single(f => f.Key == "peak24h").Value);
    }

    [Fact]
    public async Task APanelWhoseQueriesAllComeBackEmpty_FailsRatherThanShowingZeros()
    {
        var latency = Sources().Get(PrometheusPanelSources.Latency);

        var error = await Assert.ThrowsAsync<PanelDataException>(() => latency.ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None));
        Assert.Contains("no series", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_IsShownInMilliseconds_AndJudgedAgainstItsTargets()
    {
        _answers["histogram_quantile(0.95"] = 0.300;
        _answers["histogram_quantile(0.99"] = 0.120;
        _answers["http_request_duration_seconds_sum"] = 0.038;

        var reading = await Sources().Get(PrometheusPanelSources.Latency).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(("38 ms", Level.Ok), Pick(reading, "avg"));
        Assert.Equal(("300 ms", Level.Critical), Pick(reading, "p95"));
        Assert.Equal(("120 ms", Level.Ok), Pick(reading, "p99"));
    }

    [Fact]
    public async Task Dependencies_ShowDownAsCritical_AndAMissingExporterAsNoData()
    {
        _answers["min(pg_up)"] = 0;

        var reading = await Sources().Get(PrometheusPanelSources.Dependencies).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(("down", Level.Critical), Pick(reading, "postgres"));
        Assert.Equal(("no data", Level.Unknown), Pick(reading, "redis"));
    }

    private static (string Display, Level Level) Pick(PanelReading reading, string key)
    {
        var figure = reading.Figures.Single(f => f.Key == key);
        return (figure.Display, figure.Level);
    }

    /// <summary>
    /// The alerts and rules answers set by the test for those endpoints; for a query, a vector with one sample for the
    /// first configured fragment the query contains, empty otherwise.
    /// </summary>
    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (request.RequestUri!.AbsolutePath)
        {
            case "/api/v1/alerts":
                return Json(_alertsAnswer);
            case "/api/v1/rules":
                return Json(_rulesAnswer);
        }

        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var query = QueryHelpers.ParseQuery(body).TryGetValue("query", out var q) ? q.ToString() : "";
        var value = _answers.Where(a => query.Contains(a.Key, StringComparison.Ordinal)).Select(a => a.Value).FirstOrDefault();
        var result = value is { } v
            ? $$"""[{"metric":{},"value":[{{_host.Time.GetUtcNow().ToUnixTimeSeconds()}},"{{v.ToString(CultureInfo.InvariantCulture)}}"]}]"""
            : "[]";
        return Json("""{"status":"success","data":{"resultType":"vector","result":""" + result + "}}");
    }

    private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    public void Dispose() => _host.Dispose();
}
