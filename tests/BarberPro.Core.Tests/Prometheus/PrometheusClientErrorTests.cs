using System.Net;
using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PrometheusClientErrorTests : IDisposable
{
    private readonly PrometheusTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task QueryAsync_BadData400_SurfacesPrometheusErrorTypeAndMessageWithoutRetry()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.BadRequest, PrometheusFixtures.BadData);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("sum(up{job=})"));

        Assert.Equal(PrometheusErrorKind.BadData, error.Kind);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("bad_data", error.ErrorType);
        Assert.StartsWith("invalid parameter \"query\": 1:22: parse error", error.PrometheusError, StringComparison.Ordinal);
        Assert.Contains(error.PrometheusError!, error.Message, StringComparison.Ordinal);
        Assert.True(error.IsQueryError);
        Assert.False(error.IsTransient);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task FailedCalls_AreCountedOncePerCallByOperationAndKind_AndSuccessesNotAtAll()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.BadRequest, PrometheusFixtures.BadData);
        await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("sum(up{job=})"));
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.Unavailable);
        await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        using var exported = new MemoryStream();
        await _host.Registry.CollectAndExportAsTextAsync(exported);
        var lines = System.Text.Encoding.UTF8.GetString(exported.ToArray()).Split('\n')
            .Where(l => l.StartsWith(PrometheusQueryMetrics.ErrorsName, StringComparison.Ordinal)).ToList();

        Assert.Equal(4, _host.Handler.Calls);
        Assert.Equal(
            [
                "barberpro_dashboard_prometheus_query_errors_total{operation=\"query\",kind=\"bad_data\"} 1",
                "barberpro_dashboard_prometheus_query_errors_total{operation=\"query\",kind=\"unavailable\"} 1",
            ],
            lines);
    }

    [Fact]
    public async Task QueryAsync_Execution422_SurfacesExecutionErrorWithoutRetry()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.UnprocessableEntity, PrometheusFixtures.Execution);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up / on(instance) up"));

        Assert.Equal(PrometheusErrorKind.Execution, error.Kind);
        Assert.Equal("execution", error.ErrorType);
        Assert.Contains("many-to-many matching not allowed", error.PrometheusError, StringComparison.Ordinal);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_Unavailable503Always_IsRetriedThenReportedAsUnavailable()
    {
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.Unavailable);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Unavailable, error.Kind);
        Assert.Equal("unavailable", error.ErrorType);
        Assert.Equal("TSDB not ready", error.PrometheusError);
        Assert.True(error.IsTransient);
        Assert.Equal(3, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_PrometheusQueryTimeout503_IsReportedAsTimeoutAfterRetries()
    {
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.QueryTimeout);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Timeout, error.Kind);
        Assert.Equal("query timed out in expression evaluation", error.PrometheusError);
        Assert.Equal(3, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_PlainText503WhileStarting_IsUnavailable()
    {
        _host.Handler.Fallback = Respond.Text(HttpStatusCode.ServiceUnavailable, "Service Unavailable", "text/plain");

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Unavailable, error.Kind);
        Assert.Null(error.ErrorType);
        Assert.Contains("Service Unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_Internal500_IsServerErrorAndRetried()
    {
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.InternalServerError, PrometheusFixtures.Internal);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.ServerError, error.Kind);
        Assert.Equal("internal", error.ErrorType);
        Assert.Equal(3, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_HtmlBadGatewayFromProxy_IsServerErrorWithASnippetAndRetried()
    {
        _host.Handler.Fallback = Respond.Text(HttpStatusCode.BadGateway, PrometheusFixtures.HtmlBadGateway, "text/html");

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.ServerError, error.Kind);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_HtmlPageWithStatus200_IsMalformedAndNotRetried()
    {
        _host.Handler.Fallback = Respond.Text(HttpStatusCode.OK, PrometheusFixtures.HtmlLoginPage, "text/html");

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Malformed, error.Kind);
        Assert.Contains("expected application/json but got text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("oauth2-proxy", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_TruncatedJson_IsMalformedAndNotRetried()
    {
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.OK, PrometheusFixtures.TruncatedJson);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Malformed, error.Kind);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Text.Json.JsonException>(error.InnerException, exactMatch: false);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Theory]
    [InlineData(PrometheusFixtures.UnknownResultType, "unknown resultType \"histogram\"")]
    [InlineData(PrometheusFixtures.NonNumericValue, "sample value \"fast\" is not a number")]
    [InlineData(PrometheusFixtures.SampleNotPair, "not a [timestamp, value] pair")]
    [InlineData("null", "JSON null")]
    [InlineData("{\"status\":\"success\"}", "no \"data\"")]
    [InlineData("{\"status\":\"maybe\",\"data\":{}}", "unknown status \"maybe\"")]
    [InlineData("[1,2,3]", "not valid JSON")]
    public async Task QueryAsync_UnexpectedJsonShape_IsMalformedWithTheReason(string body, string reason)
    {
        _host.Handler.Fallback = Respond.Json(HttpStatusCode.OK, body);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Malformed, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_StatusErrorInsideA200_IsReportedWithPrometheusErrorType()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.StatusErrorWith200);

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("rte(x[1m])"));

        Assert.Equal(PrometheusErrorKind.BadData, error.Kind);
        Assert.Equal("unknown function \"rte\"", error.PrometheusError);
    }

    [Fact]
    public async Task QueryAsync_DeclaredContentLengthAboveCap_IsRefusedBeforeReadingTheBody()
    {
        using var host = new PrometheusTestHost(o => o.MaxResponseBytes = 4096);
        var body = new EndlessBodyStream();
        host.Handler.Enqueue((_, _) =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentLength = 10_000_000;
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        });

        var error = await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("{__name__=~\".+\"}"));

        Assert.Equal(PrometheusErrorKind.ResponseTooLarge, error.Kind);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal(1, host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_StreamedBodyWithoutLengthAboveCap_StopsReadingNearTheCap()
    {
        using var host = new PrometheusTestHost(o => o.MaxResponseBytes = 4096);
        var body = new EndlessBodyStream();
        host.Handler.Enqueue(Respond.Stream(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("{__name__=~\".+\"}"));

        Assert.Equal(PrometheusErrorKind.ResponseTooLarge, error.Kind);
        Assert.InRange(body.BytesRead, 4097, 4096 + 65_536);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task QueryAsync_BodyJustUnderCap_IsAccepted()
    {
        using var host = new PrometheusTestHost(o => o.MaxResponseBytes = 1024);
        var json = PrometheusFixtures.SingleValueVector.PadRight(1024);
        host.Handler.EnqueueJson(HttpStatusCode.OK, json);

        var vector = await host.Client.QueryVectorAsync("x");

        Assert.True(vector.TryGetSingleValue(out var sample));
        Assert.Equal(0.0427, sample.Value);
    }

    [Fact]
    public async Task QueryAsync_ConnectionRefused_IsUnreachableAfterRetries()
    {
        _host.Handler.Fallback = Respond.ConnectionRefused();

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Unreachable, error.Kind);
        Assert.Contains("prometheus.test", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(3, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_ConnectionResetWhileReadingBody_IsUnreachable()
    {
        _host.Handler.Fallback = Respond.Stream(HttpStatusCode.OK, new BrokenStream());

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(PrometheusErrorKind.Unreachable, error.Kind);
        Assert.Equal(3, _host.Handler.Calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, PrometheusErrorKind.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized, PrometheusErrorKind.HttpError)]
    [InlineData(HttpStatusCode.Forbidden, PrometheusErrorKind.HttpError)]
    [InlineData(HttpStatusCode.TooManyRequests, PrometheusErrorKind.HttpError)]
    public async Task QueryAsync_ClientErrorStatus_IsNotRetried(HttpStatusCode status, PrometheusErrorKind kind)
    {
        _host.Handler.Fallback = Respond.Text(status, "404 page not found", "text/plain");

        var error = await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("up"));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_NoAnswerWithinTimeout_IsTimeoutAfterEveryAttemptTimedOut()
    {
        using var host = new PrometheusTestHost(o =>
        {
            o.Timeout = TimeSpan.FromSeconds(2);
            o.RetryCount = 1;
        });
        host.Handler.Fallback = Respond.Hang();

        var call = host.Client.QueryAsync("up");
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await host.Handler.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            host.Handler.ArmRequestSignal();
            Assert.False(call.IsCompleted);
            host.Time.Advance(TimeSpan.FromMilliseconds(1999));
            Assert.False(call.IsCompleted);
            host.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var error = await Assert.ThrowsAsync<PrometheusException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(PrometheusErrorKind.Timeout, error.Kind);
        Assert.Contains("2 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_CallerCancels_ThrowsOperationCanceledNotPrometheusException()
    {
        _host.Handler.Fallback = Respond.Hang();
        using var cancellation = new CancellationTokenSource();

        var call = _host.Client.QueryAsync("up", cancellationToken: cancellation.Token);
        await _host.Handler.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, _host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_Failure_IsLoggedWithKindAndPrometheusMessage()
    {
        _host.Handler.EnqueueJson(HttpStatusCode.BadRequest, PrometheusFixtures.BadData);

        await Assert.ThrowsAsync<PrometheusException>(() => _host.Client.QueryAsync("sum(up{job=})"));

        var entry = Assert.Single(_host.Logger.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("BadData", entry.Message, StringComparison.Ordinal);
        Assert.Contains("parse error", entry.Message, StringComparison.Ordinal);
        Assert.Contains("sum(up{job=})", entry.Message, StringComparison.Ordinal);
    }

    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => 0;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Connection reset by peer");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
