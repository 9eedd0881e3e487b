using System.Text.Json.Nodes;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Live;

/// <summary>The live hub against the real Prometheus scraping the simulator (poll interval 1 s in tests).</summary>
public sealed class LiveHubTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task AViewer_ReceivesSnapshotsWithEveryPanel_WithoutAsking()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        await using var hub = await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader);

        JsonNode snapshot;
        long firstVersion = -1;
        do
        {
            snapshot = (await hub.NextAsync("Snapshot", TimeSpan.FromSeconds(15)))[0]!;
            firstVersion = firstVersion < 0 ? snapshot["version"]!.GetValue<long>() : firstVersion;
        }
        while (snapshot["panels"]!.AsArray().Count == 0 || snapshot["version"]!.GetValue<long>() <= firstVersion);

        var keys = snapshot["panels"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ToList();
        Assert.Superset(new HashSet<string> { "availability", "latency", "throughput", "errors", "scaling", "dependencies", "edge", "alerts", "cost" }, keys.ToHashSet());
        var dependencies = snapshot["panels"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == "dependencies")!;
        Assert.Equal("data", dependencies["status"]!.GetValue<string>());
        Assert.NotNull(dependencies["asOf"]);

        // The alerting state travels with the snapshot, as the client reads it: a camelCase state and the server's words.
        var alerting = snapshot["panels"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == "alerts")!["alerting"]!;
        Assert.Contains(alerting["state"]!.GetValue<string>(), new[] { "running", "degraded", "stale" });
        Assert.NotNull(alerting["notes"]!.AsArray());
        Assert.Contains("alert", alerting["emptyText"]!.GetValue<string>(), StringComparison.Ordinal);
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
    public async Task ADisabledUsersOpenSocket_IsClosedByTheNextSweep()
    {
        const string email = "wall-screen@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var browser = await factory.SignInAsync(email, password);
        await using var hub = await HubTestClient.ConnectAsync(factory.Server, "/hubs/live", browser.CookieHeader);
        await hub.NextAsync("Snapshot", TimeSpan.FromSeconds(10));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await scope.ServiceProvider.GetRequiredService<SessionStore>().EndAllForUserAsync(user.Id, "disabled", CancellationToken.None);
        }
        var closed = await factory.Services.GetRequiredService<HubSessionGuard>().SweepAsync(CancellationToken.None);

        Assert.Equal(1, closed);
        await hub.Closed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
