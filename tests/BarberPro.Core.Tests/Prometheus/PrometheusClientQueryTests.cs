using System.Net;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PrometheusClientQueryTests : IDisposable
{
    private static readonly DateTimeOffset s_sampleTime = DateTimeOffset.FromUnixTimeMilliseconds(PrometheusFixtures.SampleUnixMilliseconds);
    private readonly PrometheusTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task QueryAsync_VectorAnswer_ReturnsEverySeriesWithLabelsTimestampAndValue()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Vector);

        var result = await _host.Client.QueryAsync("sum by (code, job, method) (rate(http_requests_total[1m]))");

        var vector = Assert.IsType<PrometheusVector>(result);
        Assert.Equal(PrometheusResultType.Vector, vector.ResultType);
        Assert.Equal(2, vector.Series.Count);
        Assert.Equal("200", vector.Series[0].Labels["code"]);
        Assert.Equal("barberpro", vector.Series[0].Labels["job"]);
        Assert.Equal(8512.4, vector.Series[0].Sample.Value);
        Assert.Equal(s_sampleTime, vector.Series[0].Sample.Timestamp);
        Assert.Equal(0.85, vector.Series[1].Sample.Value);
        Assert.Empty(vector.Warnings);
    }

    [Fact]
    public async Task QueryAsync_Always_PostsFormEncodedQueryTimeoutAndTimeToQueryEndpoint()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_763_872_400_250);

        await _host.Client.QueryAsync("up{job=\"barberpro\"}", at);

        var request = Assert.Single(_host.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://prometheus.test:9090/api/v1/query"), request.Uri);
        Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
        Assert.Equal("up{job=\"barberpro\"}", request.Form["query"]);
        Assert.Equal("1763872400.25", request.Form["time"]);
        Assert.Equal("5s", request.Form["timeout"]);
    }

    [Fact]
    public async Task QueryAsync_WithoutTime_LetsPrometheusUseItsOwnNow()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);

        await _host.Client.QueryAsync("up");

        Assert.False(Assert.Single(_host.Handler.Requests).Form.ContainsKey("time"));
    }

    [Fact]
    public async Task QueryAsync_EmptyVector_ReturnsEmptyResultRatherThanFailing()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);

        var vector = Assert.IsType<PrometheusVector>(await _host.Client.QueryAsync("pg_up"));

        Assert.True(vector.IsEmpty);
        Assert.False(vector.TryGetSingleValue(out _));
    }

    [Fact]
    public async Task QueryAsync_ScalarAnswer_ReturnsScalarSample()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Scalar);

        var scalar = Assert.IsType<PrometheusScalar>(await _host.Client.QueryAsync("scalar(vector(0.999))"));

        Assert.Equal(new PrometheusSample(s_sampleTime, 0.999), scalar.Sample);
    }

    [Fact]
    public async Task QueryAsync_StringAnswer_ReturnsStringWithEscapesDecoded()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.String);

        var text = Assert.IsType<PrometheusString>(await _host.Client.QueryAsync("\"barberpro\""));

        Assert.Equal("barberpro \"live\"", text.Value);
        Assert.Equal(s_sampleTime, text.Timestamp);
    }

    [Fact]
    public async Task QueryAsync_NaNInfinityAndExponentValues_AreParsedAsPrometheusWritesThem()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.SpecialValues);

        var vector = Assert.IsType<PrometheusVector>(await _host.Client.QueryAsync("x"));
        var values = vector.Series.ToDictionary(s => s.Labels["v"], s => s.Sample.Value);

        Assert.True(double.IsNaN(values["nan"]));
        Assert.Equal(double.PositiveInfinity, values["pinf"]);
        Assert.Equal(double.NegativeInfinity, values["ninf"]);
        Assert.Equal(1.0, values["exp"]);
        Assert.Equal(-0.5, values["neg"]);
        Assert.Equal(double.MaxValue, values["big"]);
    }

    [Fact]
    public async Task QueryAsync_WarningsAndInfos_AreSurfacedOnTheResult()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.WithWarnings);

        var result = await _host.Client.QueryAsync("pg_up");

        Assert.Equal("remote read 'thanos-store' failed: partial data returned", Assert.Single(result.Warnings));
        Assert.Contains("might not be a counter", Assert.Single(result.Infos), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_NativeHistogramSample_IsSkippedAndFloatSeriesKept()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.NativeHistogramVector);

        var vector = Assert.IsType<PrometheusVector>(await _host.Client.QueryAsync("http_request_duration_seconds"));

        var series = Assert.Single(vector.Series);
        Assert.Equal("0.1", series.Labels["le"]);
    }

    [Fact]
    public async Task QueryVectorAsync_ScalarAnswer_BecomesOneSeriesWithoutLabels()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Scalar);

        var vector = await _host.Client.QueryVectorAsync("scalar(up)");

        Assert.True(vector.TryGetSingleValue(out var sample));
        Assert.Equal(0.999, sample.Value);
        Assert.Empty(vector.Series[0].Labels);
    }

    [Fact]
    public async Task QueryVectorAsync_StringAnswer_IsMalformed()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.String);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryVectorAsync("\"x\""));

        Assert.Equal(PrometheusErrorKind.Malformed, error.Kind);
        Assert.Contains("string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryGetSingleValue_SeveralSeries_ThrowsAskingForAggregation()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Vector);
        var vector = await _host.Client.QueryVectorAsync("http_requests_total");

        var error = Assert.Throws<InvalidOperationException>(() => vector.TryGetSingleValue(out _));

        Assert.Contains("sum(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryRangeAsync_Always_PostsStartEndStepAndReturnsMatrixPoints()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Matrix);
        var start = DateTimeOffset.FromUnixTimeSeconds(1_763_872_380);
        var end = DateTimeOffset.FromUnixTimeSeconds(1_763_872_410);

        var matrix = await _host.Client.QueryRangeAsync("avg by (city) (probe_duration_seconds)", start, end, TimeSpan.FromSeconds(15));

        var request = Assert.Single(_host.Handler.Requests);
        Assert.Equal(new Uri("http://prometheus.test:9090/api/v1/query_range"), request.Uri);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("1763872380", request.Form["start"]);
        Assert.Equal("1763872410", request.Form["end"]);
        Assert.Equal("15", request.Form["step"]);
        Assert.Equal(2, matrix.Series.Count);
        Assert.Equal("Córdoba", matrix.Series[1].Labels["city"]);
        Assert.Equal([0.054, 0.061, 0.058], matrix.Series[1].Points.Select(p => p.Value));
        Assert.Equal(end, matrix.Series[0].Points[2].Timestamp);
        Assert.True(double.IsNaN(matrix.Series[0].Points[2].Value));
    }

    [Fact]
    public async Task QueryRangeAsync_RangeWindow_SendsTheWindowsAlignedBoundsAndStep()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyMatrix);
        var window = RangeStep.Calculate(_host.Time.GetUtcNow(), TimeSpan.FromHours(6), TimeSpan.FromSeconds(15));

        var matrix = await _host.Client.QueryRangeAsync("up", window);

        Assert.True(matrix.IsEmpty);
        var form = Assert.Single(_host.Handler.Requests).Form;
        Assert.Equal((window.Start.ToUnixTimeMilliseconds() / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), form["start"]);
        Assert.Equal("30", form["step"]);
    }

    [Fact]
    public async Task QueryRangeAsync_SubSecondStep_IsSentAsDecimalSeconds()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyMatrix);
        var start = DateTimeOffset.FromUnixTimeSeconds(1_763_872_380);

        await _host.Client.QueryRangeAsync("up", start, start.AddSeconds(10), TimeSpan.FromMilliseconds(500));

        Assert.Equal("0.5", Assert.Single(_host.Handler.Requests).Form["step"]);
    }

    [Fact]
    public async Task QueryRangeAsync_MoreThanPrometheusPointLimit_ThrowsBeforeSending()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_763_872_380);

        await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.QueryRangeAsync("up", start, start.AddDays(7), TimeSpan.FromSeconds(15)));

        Assert.Equal(0, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryRangeAsync_EndBeforeStart_ThrowsBeforeSending()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_763_872_380);

        await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.QueryRangeAsync("up", start, start.AddMinutes(-1), TimeSpan.FromSeconds(15)));

        Assert.Equal(0, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryRangeAsync_VectorAnswer_IsMalformed()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Vector);
        var start = DateTimeOffset.FromUnixTimeSeconds(1_763_872_380);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryRangeAsync("up", start, start.AddMinutes(1), TimeSpan.FromSeconds(15)));

        Assert.Equal(PrometheusErrorKind.Malformed, error.Kind);
    }

    [Fact]
    public async Task QueryAsync_BaseUrlWithPathPrefix_KeepsThePrefix()
    {
        using var host = new PrometheusTestHost(o => o.BaseUrl = "https://mimir.test/prometheus");
        host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);

        await host.Client.QueryAsync("up");

        Assert.Equal(new Uri("https://mimir.test/prometheus/api/v1/query"), Assert.Single(host.Handler.Requests).Uri);
    }

    [Fact]
    public async Task QueryAsync_BlankQuery_IsRejectedWithoutARequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.QueryAsync("  "));

        Assert.Equal(0, _host.Handler.Calls);
    }

    [Fact]
    public async Task GetAlertsAsync_FiringAndPending_ReturnsLabelsAnnotationsStateActiveAtAndValue()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.Alerts);

        var alerts = await _host.Client.GetAlertsAsync();

        var request = Assert.Single(_host.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("http://prometheus.test:9090/api/v1/alerts"), request.Uri);
        Assert.Equal(2, alerts.Count);
        var firing = alerts[0];
        Assert.Equal("HighResponseTime", firing.Name);
        Assert.Equal("warning", firing.Severity);
        Assert.Equal(PrometheusAlertState.Firing, firing.State);
        Assert.Equal("p95 latency above 100 ms", firing.Annotations["summary"]);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 4, 20, 11, TimeSpan.Zero).AddTicks(1_234_568), firing.ActiveAt);
        Assert.Equal(0.143, firing.Value, 6);
        var pending = alerts[1];
        Assert.Equal(PrometheusAlertState.Pending, pending.State);
        Assert.Equal("critical", pending.Severity);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 4, 32, 40, 500, TimeSpan.Zero), pending.ActiveAt);
        Assert.Equal(TimeSpan.Zero, pending.ActiveAt!.Value.Offset);
    }

    [Fact]
    public async Task GetAlertsAsync_NoAlerts_ReturnsEmptyList()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.NoAlerts);

        Assert.Empty(await _host.Client.GetAlertsAsync());
    }

    [Fact]
    public async Task GetBuildInfoAsync_Always_ReturnsVersion()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.BuildInfo);

        var info = await _host.Client.GetBuildInfoAsync();

        Assert.Equal("2.42.0", info.Version);
        Assert.Equal("go1.19.5", info.GoVersion);
        Assert.EndsWith("/api/v1/status/buildinfo", Assert.Single(_host.Handler.Requests).Uri.AbsolutePath, StringComparison.Ordinal);
    }
}
