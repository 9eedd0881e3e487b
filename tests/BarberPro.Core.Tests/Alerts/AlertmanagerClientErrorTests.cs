using System.Net;
using System.Text;
using BarberPro.Core.Alerts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Alerts;

public sealed class AlertmanagerClientErrorTests
{
    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return answer(request, cancellationToken);
        }
    }

    private static AlertmanagerClient Client(StubHandler handler, string? baseUrl = "http://am.test:9093/prefix", long maxBytes = 8 * 1024 * 1024) =>
        new(
            new HttpClient(handler),
            Options.Create(new AlertmanagerOptions { BaseUrl = baseUrl, Timeout = TimeSpan.FromMilliseconds(300), MaxResponseBytes = maxBytes }),
            NullLogger<AlertmanagerClient>.Instance);

    private static Task<HttpResponseMessage> Answer(HttpStatusCode status, string body) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    [Fact]
    public async Task NotConfigured_SendsNothingAndSaysSo()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.OK, "[]"));
        var client = Client(handler, baseUrl: null);

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => client.GetAlertsAsync());

        Assert.Equal(AlertmanagerErrorKind.NotConfigured, ex.Kind);
        Assert.Equal("No Alertmanager is configured (Alertmanager:BaseUrl).", ex.Message);
        Assert.Empty(handler.Requests);
        Assert.False(client.IsConfigured);
    }

    [Fact]
    public async Task GetAlerts_UsesTheApiV2PathUnderThePrefix()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.OK, "[]"));

        var alerts = await Client(handler).GetAlertsAsync();

        Assert.Empty(alerts);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://am.test:9093/prefix/api/v2/alerts", request.RequestUri!.ToString());
    }

    [Fact]
    public async Task ExpireSilence_DeletesTheEscapedId()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.OK, ""));

        await Client(handler).ExpireSilenceAsync("a/b c");

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Delete, request.Method);
        Assert.Equal("/prefix/api/v2/silence/a%2Fb%20c", request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Rejected_CarriesAlertmanagersReason()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.BadRequest, "\"silence invalid: end time must not be in the past\""));
        var request = new SilenceRequest([SilenceMatcher.Exact("alertname", "X")], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), "a", "c");

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => Client(handler).SaveSilenceAsync(request));

        Assert.Equal(AlertmanagerErrorKind.Rejected, ex.Kind);
        Assert.Equal("Alertmanager refused it: silence invalid: end time must not be in the past", ex.Message);
        Assert.False(ex.IsUnavailable);
    }

    [Fact]
    public async Task ServerError_IsHttpErrorAndUnavailable()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.ServiceUnavailable, "overloaded"));

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => Client(handler).GetSilencesAsync());

        Assert.Equal(AlertmanagerErrorKind.HttpError, ex.Kind);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("Alertmanager answered HTTP 503: overloaded", ex.Message);
        Assert.True(ex.IsUnavailable);
    }

    [Fact]
    public async Task ConnectionRefused_IsUnreachable()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => Client(handler).GetAlertsAsync());

        Assert.Equal(AlertmanagerErrorKind.Unreachable, ex.Kind);
        Assert.True(ex.IsUnavailable);
        Assert.StartsWith("Alertmanager cannot be reached at http://am.test:9093/prefix/ (ConnectionError", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswerInTime_IsTimeout_ButTheCallersCancelIsACancel()
    {
        var handler = new StubHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var client = Client(handler);

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => client.GetAlertsAsync());
        Assert.Equal(AlertmanagerErrorKind.Timeout, ex.Kind);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAlertsAsync(cancelled.Token));
    }

    [Fact]
    public async Task OversizedAnswer_IsRefused()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.OK, "[" + new string(' ', 4000) + "]"));

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => Client(handler, maxBytes: 1024).GetAlertsAsync());

        Assert.Equal(AlertmanagerErrorKind.ResponseTooLarge, ex.Kind);
    }

    [Fact]
    public async Task HtmlInsteadOfJson_IsMalformed()
    {
        var handler = new StubHandler((_, _) => Answer(HttpStatusCode.OK, "<html>proxy login</html>"));

        var ex = await Assert.ThrowsAsync<AlertmanagerException>(() => Client(handler).GetSilencesAsync());

        Assert.Equal(AlertmanagerErrorKind.Malformed, ex.Kind);
    }
}
