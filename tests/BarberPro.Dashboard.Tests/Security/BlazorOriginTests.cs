using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// A circuit's socket (<c>/_blazor</c>: the negotiate POST and the WebSocket handshake) opened from a foreign page with
/// the user's cookie is refused, as the hubs' are: browsers apply no CORS to a WebSocket.
/// </summary>
public sealed class BlazorOriginTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task TheCircuitNegotiate_FromAForeignOrigin_Is403_AndFromItsOwnOriginIs200()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var foreign = await NegotiateAsync(browser, "https://evil.example");
        var own = await NegotiateAsync(browser, "http://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("connectionToken", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCircuitWebSocket_FromAForeignOrigin_IsRefusedWith403_AndFromItsOwnOriginOpens()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var negotiated = await NegotiateAsync(browser, "http://localhost");
        using var json = System.Text.Json.JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("connectionToken").GetString()!;

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => OpenSocketAsync(browser, "https://evil.example", token));
        using var own = await OpenSocketAsync(browser, "http://localhost", token);

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, own.State);
    }

    private Task<System.Net.WebSockets.WebSocket> OpenSocketAsync(TestBrowser browser, string origin, string token)
    {
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Cookie = browser.CookieHeader;
            request.Headers.Origin = origin;
        };
        return client.ConnectAsync(new Uri($"ws://localhost/_blazor?id={Uri.EscapeDataString(token)}"), CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(TestBrowser browser, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await browser.Http.SendAsync(request);
    }
}
