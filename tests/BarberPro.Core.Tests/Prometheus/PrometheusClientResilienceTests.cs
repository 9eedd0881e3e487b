using System.Net;
using BarberPro.Core.Prometheus;
using Polly.CircuitBreaker;

namespace BarberPro.Core.Tests.Prometheus;

public sealed class PrometheusClientResilienceTests
{
    [Fact]
    public async Task QueryAsync_TransientFailureThenSuccess_ReturnsTheResultOfTheRetry()
    {
        using var host = new PrometheusTestHost();
        host.Handler
            .Enqueue(Respond.ConnectionRefused())
            .EnqueueJson(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.Unavailable)
            .EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.SingleValueVector);

        var vector = await host.Client.QueryVectorAsync("sum(rate(http_requests_total[1m]))");

        Assert.True(vector.TryGetSingleValue(out var sample));
        Assert.Equal(0.0427, sample.Value);
        Assert.Equal(3, host.Handler.Calls);
        Assert.All(host.Handler.Requests, r => Assert.Equal("sum(rate(http_requests_total[1m]))", r.Form["query"]));
        Assert.Equal(2, host.ResilienceLogger.Entries.Count(e => e.EventId.Id == 4103));
    }

    [Fact]
    public async Task QueryAsync_RetryCountZero_MakesExactlyOneAttempt()
    {
        using var host = new PrometheusTestHost(o => o.RetryCount = 0);
        host.Handler.Fallback = Respond.Json(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.Unavailable);

        await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"));

        Assert.Equal(1, host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_RetriesWithBaseDelay_WaitOnTheInjectedClock()
    {
        using var host = new PrometheusTestHost(o =>
        {
            o.RetryCount = 1;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
        });
        host.Handler
            .EnqueueJson(HttpStatusCode.ServiceUnavailable, PrometheusFixtures.Unavailable)
            .EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.SingleValueVector);

        var call = host.Client.QueryAsync("up");
        // The retry is logged before its delay starts; from then on only the injected clock can release it.
        await host.ResilienceLogger.WhenLoggedAsync(4103).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, host.Handler.Calls);
        Assert.False(call.IsCompleted);

        // Jittered exponential back-off: well under a minute for the first retry.
        host.Time.Advance(TimeSpan.FromMinutes(1));

        await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_RepeatedTransientFailures_OpenTheCircuitAndLaterCallsSendNothing()
    {
        using var host = BreakerHost();
        host.Handler.Fallback = Respond.ConnectionRefused();

        for (var i = 0; i < 4; i++)
        {
            var failure = await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"));
            Assert.Equal(PrometheusErrorKind.Unreachable, failure.Kind);
        }

        Assert.Equal(CircuitState.Open, host.Client.CircuitState);
        var error = await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"));
        Assert.Equal(PrometheusErrorKind.CircuitOpen, error.Kind);
        Assert.Matches(@"^Prometheus failed repeatedly; the dashboard asks again in \d+ s and shows the last readings meanwhile\.$", error.Message);
        Assert.False(error.IsTransient);
        Assert.Equal(4, host.Handler.Calls);
        Assert.Single(host.ResilienceLogger.Entries, e => e.EventId.Id == 4104);
    }

    [Fact]
    public async Task QueryAsync_AfterBreakDuration_TrialSucceedsAndClosesTheCircuit()
    {
        using var host = BreakerHost();
        for (var i = 0; i < 4; i++)
        {
            host.Handler.EnqueueJson(HttpStatusCode.InternalServerError, PrometheusFixtures.Internal);
            await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"));
        }

        Assert.Equal(CircuitState.Open, host.Client.CircuitState);
        host.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(PrometheusErrorKind.CircuitOpen, (await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"))).Kind);

        host.Time.Advance(TimeSpan.FromSeconds(2));
        host.Handler.EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.EmptyVector);
        var result = await host.Client.QueryAsync("up");

        Assert.IsType<PrometheusVector>(result);
        Assert.Equal(CircuitState.Closed, host.Client.CircuitState);
        Assert.Equal(5, host.Handler.Calls);
    }

    [Fact]
    public async Task QueryAsync_RepeatedBadQueries_DoNotOpenTheCircuit()
    {
        using var host = BreakerHost();
        host.Handler.Fallback = Respond.Json(HttpStatusCode.BadRequest, PrometheusFixtures.BadData);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(PrometheusErrorKind.BadData, (await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up{"))).Kind);
        }

        Assert.Equal(CircuitState.Closed, host.Client.CircuitState);
        Assert.Equal(10, host.Handler.Calls);
    }

    [Fact]
    public async Task CircuitState_IsSharedByEveryClientOverTheSameResilience()
    {
        using var host = BreakerHost();
        host.Handler.Fallback = Respond.ConnectionRefused();
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"));
        }

        using var otherHttp = new HttpClient(host.Handler);
        var other = new PrometheusClient(otherHttp, host.Resilience, Microsoft.Extensions.Options.Options.Create(host.Options), host.Logger, host.Time,
            new PrometheusQueryMetrics(global::Prometheus.Metrics.WithCustomRegistry(host.Registry)));

        Assert.Equal(PrometheusErrorKind.CircuitOpen, (await Assert.ThrowsAsync<PrometheusException>(() => other.QueryAsync("up"))).Kind);
    }

    [Fact]
    public async Task CheckReadyAsync_ReadyEndpointAnswers200_IsReady()
    {
        using var host = new PrometheusTestHost();
        host.Handler.Enqueue(Respond.Text(HttpStatusCode.OK, "Prometheus Server is Ready.\n", "text/plain"));

        var readiness = await host.Client.CheckReadyAsync();

        Assert.True(readiness.IsReady);
        Assert.Equal(new Uri("http://prometheus.test:9090/-/ready"), Assert.Single(host.Handler.Requests).Uri);
    }

    [Fact]
    public async Task CheckReadyAsync_ServerStarting503_IsNotReadyAndNotRetried()
    {
        using var host = new PrometheusTestHost();
        host.Handler.Fallback = Respond.Text(HttpStatusCode.ServiceUnavailable, "Service Unavailable", "text/plain");

        var readiness = await host.Client.CheckReadyAsync();

        Assert.False(readiness.IsReady);
        Assert.Contains("503", readiness.Detail, StringComparison.Ordinal);
        Assert.Equal(1, host.Handler.Calls);
    }

    [Fact]
    public async Task CheckReadyAsync_NoReadyEndpoint_FallsBackToBuildInfo()
    {
        using var host = new PrometheusTestHost();
        host.Handler
            .Enqueue(Respond.Text(HttpStatusCode.NotFound, "404 page not found", "text/plain"))
            .EnqueueJson(HttpStatusCode.OK, PrometheusFixtures.BuildInfo);

        var readiness = await host.Client.CheckReadyAsync();

        Assert.True(readiness.IsReady);
        Assert.Contains("2.42.0", readiness.Detail, StringComparison.Ordinal);
        Assert.EndsWith("api/v1/status/buildinfo", host.Handler.Requests[1].Uri.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckReadyAsync_Unreachable_ReturnsNotReadyInsteadOfThrowing()
    {
        using var host = new PrometheusTestHost();
        host.Handler.Fallback = Respond.ConnectionRefused();

        var readiness = await host.Client.CheckReadyAsync();

        Assert.False(readiness.IsReady);
        Assert.Contains("unreachable", readiness.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckReadyAsync_NoAnswerWithinTimeout_IsNotReady()
    {
        using var host = new PrometheusTestHost(o => o.Timeout = TimeSpan.FromSeconds(1));
        host.Handler.Fallback = Respond.Hang();

        var check = host.Client.CheckReadyAsync();
        await host.Handler.RequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var readiness = await check.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(readiness.IsReady);
        Assert.Contains("no answer within 1 s", readiness.Detail, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), readiness.Elapsed);
    }

    [Fact]
    public async Task CheckReadyAsync_WhileCircuitIsOpen_StillProbesTheServer()
    {
        using var host = BreakerHost();
        host.Handler.Fallback = Respond.ConnectionRefused();
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<PrometheusException>(() => host.Client.QueryAsync("up"));
        }

        host.Handler.Enqueue(Respond.Text(HttpStatusCode.OK, "Prometheus Server is Ready.\n", "text/plain"));
        var readiness = await host.Client.CheckReadyAsync();

        Assert.True(readiness.IsReady);
        Assert.Equal(CircuitState.Open, host.Client.CircuitState);
    }

    private static PrometheusTestHost BreakerHost() => new(o =>
    {
        o.RetryCount = 0;
        o.CircuitBreakerMinimumThroughput = 4;
        o.CircuitBreakerFailureRatio = 0.5;
        o.CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30);
        o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(10);
    });
}
