using System.Diagnostics;
using System.Text.Json.Nodes;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Live;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>The live hub against the real Prometheus scraping the simulator (poll interval 1 s in tests).</summary>
public sealed class LiveHubTests(DashboardFactory factory, ITestOutputHelper output) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task AViewer_ReceivesTheLiveView_WithEveryPanelInWords_WithoutAsking()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        await using var hub = await HubTestClient.ConnectAsync(factory.Server, LiveHub.Path, browser.CookieHeader);

        JsonNode view;
        long firstVersion = -1;
        do
        {
            view = (await hub.NextAsync(LiveHub.ViewMessage, TimeSpan.FromSeconds(15)))[0]!;
            firstVersion = firstVersion < 0 ? view["version"]!.GetValue<long>() : firstVersion;
        }
        // A later view than the first, whose dependencies and alerts panels have data: under the whole suite one poll's
        // query may time out on the shared Prometheus, and that poll's panel then rightly says "error" without an
        // alerting state (PanelSnapshot tests; the alerts panel did so once in CI).
        while (view["panels"]!.AsArray().Count == 0 || view["version"]!.GetValue<long>() <= firstVersion
               || Status(view, "dependencies") != "data" || Status(view, "alerts") != "data");

        var keys = view["panels"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "availability", "latency", "throughput", "errors", "scaling", "dependencies", "edge", "alerts", "cost" }, keys.ToHashSet());
        var dependencies = view["panels"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == "dependencies")!;
        Assert.Equal(("data", "live"), (dependencies["status"]!.GetValue<string>(), dependencies["statusWord"]!.GetValue<string>()));
        Assert.StartsWith("as of ", dependencies["asOfText"]!.GetValue<string>(), StringComparison.Ordinal);
        var postgres = dependencies["figures"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "postgres")!;
        Assert.Equal("up", postgres["display"]!.GetValue<string>());
        Assert.Equal(("ok", "OK", "✓"), (postgres["state"]!["level"]!.GetValue<string>(), postgres["state"]!["word"]!.GetValue<string>(), postgres["state"]!["icon"]!.GetValue<string>()));

        // What the overview shows about the whole platform travels with it: the banner, the worst state, the firing count.
        Assert.False(string.IsNullOrEmpty(view["banner"]!["text"]!.GetValue<string>()));
        Assert.Contains(view["worst"]!["word"]!.GetValue<string>(), new[] { "Normal", "Degraded", "Down", "Unknown" });
        Assert.Equal("live", view["liveText"]!.GetValue<string>());
        Assert.False(view["stalled"]!.GetValue<bool>());

        // The alerting state, as the overview shows it: a camelCase state and the server's words.
        var alerts = view["panels"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == "alerts")!;
        Assert.Contains(alerts["alertingState"]!.GetValue<string>(), new[] { "running", "degraded", "stale" });
        Assert.NotNull(alerts["alertingNotes"]!.AsArray());
        if (alerts["alerts"]!.AsArray().Count == 0)
        {
            Assert.Contains("alert", alerts["emptyText"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Handshake_WithoutSignIn_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HubTestClient.ConnectAsync(factory.Server, "/hubs/live", null));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_FromAForeignOrigin_IsRefused()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Admin);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader, origin: "https://evil.example"));
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenSocketOfAUserTheAdminDisables_IsClosedWithin2s_ByTheSessionEvent_NotTheSweep()
    {
        const string email = "wall-screen@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var browser = await factory.SignInAsync(email, password);
        await using var hub = await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader);
        await hub.NextAsync(LiveHub.ViewMessage, TimeSpan.FromSeconds(10));
        var id = await AdminActions.UserIdAsync(factory, email);

        await AdminActions.DisableAsync(factory, id);
        var clock = Stopwatch.StartNew();
        // Closed by the session event, long before the 30 s sweep could come.
        await hub.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        output.WriteLine($"hub: a disabled user's socket closed {clock.ElapsedMilliseconds} ms after the Admin's change");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.True(HubSessionGuard.SweepInterval >= TimeSpan.FromSeconds(30));
        // Nothing was left for the safety net.
        Assert.Equal(0, await factory.Services.GetRequiredService<HubSessionGuard>().SweepAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SigningOut_ClosesThatSessionsSocketWithin2s_WhileTheUsersOtherSessionKeepsItsSocket()
    {
        const string email = "two-walls@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var hall = await factory.SignInAsync(email, password);
        using var office = await factory.SignInAsync(email, password);
        await using var hallHub = await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", hall.CookieHeader);
        await using var officeHub = await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", office.CookieHeader);
        await hallHub.NextAsync(LiveHub.ViewMessage, TimeSpan.FromSeconds(10));
        await officeHub.NextAsync(LiveHub.ViewMessage, TimeSpan.FromSeconds(10));

        var token = await DashboardFactory.GetAntiforgeryTokenAsync(office.Http, "/checklists");
        var response = await office.Http.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var clock = Stopwatch.StartNew();
        await officeHub.Closed.WaitAsync(TimeSpan.FromSeconds(10));

        output.WriteLine($"hub: a signed-out session's socket closed {clock.ElapsedMilliseconds} ms after the sign-out");
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        // The other session's socket is open and still receives views.
        await hallHub.NextAsync(LiveHub.ViewMessage, TimeSpan.FromSeconds(10));
        Assert.False(hallHub.IsClosed);
    }

    private static string Status(JsonNode view, string panel) =>
        view["panels"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == panel)!["status"]!.GetValue<string>();
}
