using System.Net;
using System.Net.Sockets;
using System.Text;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BarberPro.EndToEnd.Tests.Security;

/// <summary>
/// The red-team's attack in a real Chromium: a page on another port of the same host (same site, so SameSite=Lax
/// sends the Admin's cookie) auto-submits a form to the users page (whose changes are circuit actions now: a foreign
/// page cannot open the circuit's socket, BlazorOriginTests), and one that signs the Admin out. Both are refused with
/// 400 and nothing changes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ForgedFormEndToEndTests(BrowserFixture browser) : IAsyncLifetime
{
    private DashboardServer _server = null!;

    public async Task InitializeAsync() => _server = await DashboardServer.StartAsync("forged");

    public async Task DisposeAsync()
    {
        await browser.CloseContextsAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AFormFromAnotherPortOfTheSameHost_CannotChangeTheUsersPage_NorSignTheAdminOut()
    {
        var (victim, _) = await _server.CreateUserAsync("Operator");
        var page = await browser.SignedInPageAsync(_server, DashboardServer.AdminEmail, _server.AdminPassword, "/admin/users");
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-user='{victim}']") });
        await Assertions.Expect(row.Locator("[data-standing='Enabled']")).ToHaveCountAsync(1);

        using var attacker = AttackerSite.Start(new Dictionary<string, string>
        {
            ["/users"] = _server.BaseUrl + "/admin/users",
            ["/logout"] = _server.BaseUrl + "/account/logout",
        });
        Assert.NotEqual(new Uri(_server.BaseUrl).Port, attacker.Port);

        foreach (var path in new[] { "/users", "/logout" })
        {
            var forged = await page.RunAndWaitForResponseAsync(
                () => page.GotoAsync(attacker.BaseUrl + path),
                response => response.Url.StartsWith(_server.BaseUrl, StringComparison.Ordinal) && response.Request.Method == "POST");
            Assert.Equal((int)HttpStatusCode.BadRequest, forged.Status);
        }

        // Still signed in, and the victim is still enabled.
        await page.GotoAsync("/admin/users");
        Assert.EndsWith("/admin/users", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(row.Locator("[data-standing='Enabled']")).ToHaveCountAsync(1);
    }

    /// <summary>A page per path that posts a form (no token, nothing but what a forger knows) to its target on load.</summary>
    private sealed class AttackerSite : IDisposable
    {
        private readonly HttpListener _listener;
        private readonly IReadOnlyDictionary<string, string> _targets;

        private AttackerSite(HttpListener listener, int port, IReadOnlyDictionary<string, string> targets)
        {
            _listener = listener;
            _targets = targets;
            Port = port;
            _ = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public string BaseUrl => $"http://127.0.0.1:{Port}";

        public static AttackerSite Start(IReadOnlyDictionary<string, string> targets)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            return new AttackerSite(listener, port, targets);
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                var target = _targets.GetValueOrDefault(context.Request.Url!.AbsolutePath) ?? "about:blank";
                // An inline script is fine here: this is the attacker's page, not the dashboard's.
                var html = $"""
                    <!DOCTYPE html><html><body>
                    <form id="f" method="post" action="{WebUtility.HtmlEncode(target)}"><input type="hidden" name="x" value="1"></form>
                    <script>document.getElementById('f').submit();</script>
                    </body></html>
                    """;
                var body = Encoding.UTF8.GetBytes(html);
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
