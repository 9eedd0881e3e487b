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

    [Fact]
    public async Task The5xxTile_ReadsTheHighErrorRateRulesWindow_AndIsCriticalWhereTheRuleFires()
    {
        _answers["code=~\"5..\"}[5m]"] = 0.012;

        var reading = await Sources().Get(PrometheusPanelSources.Errors).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        var figure = reading.Figures.Single();
        Assert.Equal(("5xx ratio (5 m)", "1.200 %", Level.Critical), (figure.Label, figure.Display, figure.Level));
        Assert.Equal("(sum(rate(http_requests_total{job=\"barberpro\",code=~\"5..\"}[5m])) or vector(0)) / sum(rate(http_requests_total{job=\"barberpro\"}[5m]))",
            _host.Handler.Requests.Single().Form["query"]);
    }

    [Fact]
    public async Task Throughput_AboveTheSustainedFigure_IsAWarning_AndShowsTheCapacityTheHpaMaximumGives()
    {
        _answers["max_over_time("] = 9100;
        _answers["kube_deployment_status_replicas"] = 20;
        _answers["kube_horizontalpodautoscaler_spec_max_replicas"] = 50;
        _answers["sum(rate(http_requests_total"] = 9000;

        var reading = await Sources().Get(PrometheusPanelSources.Throughput).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        var rps = reading.Figures.Single(f => f.Key == "rps");
        Assert.Equal(("9,000 rps", Level.Warning, "≤ 8,500 rps sustained · capacity 22,500 rps"), (rps.Display, rps.Level, rps.Target));
        var capacity = reading.Figures.Single(f => f.Key == "capacity");
        Assert.Equal((22_500d, "22,500 rps", "450 rps/pod × 50 pods"), (capacity.Value!.Value, capacity.Display, capacity.Target));
    }

    [Fact]
    public async Task Throughput_AtTheHpaMaximum_IsCritical_EvenBelowTheSustainedFigure()
    {
        _answers["max_over_time("] = 5000;
        _answers["kube_deployment_status_replicas"] = 50;
        _answers["kube_horizontalpodautoscaler_spec_max_replicas"] = 50;
        _answers["sum(rate(http_requests_total"] = 5000;

        var reading = await Sources().Get(PrometheusPanelSources.Throughput).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal(("5,000 rps", Level.Critical), Pick(reading, "rps"));
    }

    [Fact]
    public async Task TheBurnRateVerdict_ExplainsItselfOnTheTile()
    {
        _answers["[1h]))) / 0.001"] = 7.5;
        _answers["[5m]))) / 0.001"] = 84;
        _answers["[6h]))) / 0.001"] = 3;
        _answers["[30m]))) / 0.001"] = 5;

        var reading = await Sources().Get(PrometheusPanelSources.Availability).ReadAsync(_host.Time.GetUtcNow(), CancellationToken.None);

        var verdict = reading.Figures.Single(f => f.Key == "burnState");
        Assert.Equal(("ok", Level.Ok, "5 m at 84× but 1 h at 7.5×: below the 14.4× page rule"), (verdict.Display, verdict.Level, verdict.Target));
        Assert.Equal(Level.Critical, reading.Figures.Single(f => f.Key == "burn5m").Level);
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
