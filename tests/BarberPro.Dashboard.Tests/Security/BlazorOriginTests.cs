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
    public async Task TheCircuitNegotiate_FromAForeignOrigin_Is403_AndFromItsOwnOriginIsNot()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var foreign = await NegotiateAsync(browser, "https://evil.example");
        var own = await NegotiateAsync(browser, "http://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, own.StatusCode);
    }

    [Fact]
    public async Task TheCircuitWebSocket_FromAForeignOrigin_IsRefusedWith403()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Cookie = browser.CookieHeader;
            request.Headers.Origin = "https://evil.example";
        };

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => client.ConnectAsync(new Uri("ws://localhost/_blazor?id=x"), CancellationToken.None));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> NegotiateAsync(TestBrowser browser, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await browser.Http.SendAsync(request);
    }
}
