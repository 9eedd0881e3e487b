using System.Text.Json.Nodes;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>The hub through a real WebSocket client speaking the SignalR JSON protocol.</summary>
public sealed class ChecklistHubTests(ChecklistsFactory factory, ITestOutputHelper output) : IClassFixture<ChecklistsFactory>
{
    [Fact]
    public async Task Tick_ThroughTheHub_ReachesAnotherClientInTheRunsGroup()
    {
        using var operatorBrowser = await factory.SignInAsRoleAsync(Roles.Operator);
        using var viewerBrowser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        await using var ticker = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", operatorBrowser.CookieHeader);
        await using var watcher = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", viewerBrowser.CookieHeader);
        await ticker.InvokeAsync("JoinRun", run.Id);
        var joined = (await watcher.InvokeAsync("JoinRun", run.Id))!.AsArray();
        var version = joined.Single(i => i!["key"]!.GetValue<string>() == "daily.performance.database")!["version"]!.GetValue<int>();

        var sent = System.Diagnostics.Stopwatch.StartNew();
        var reply = (await ticker.InvokeAsync("Tick", run.Id, "daily.performance.database", version, Guid.NewGuid().ToString()))!;
        var acknowledged = sent.Elapsed;
        var pushed = await NextItemAsync(watcher, "daily.performance.database");
        output.WriteLine($"tick acknowledged after {acknowledged.TotalMilliseconds:0} ms, pushed to the other client after {sent.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal("applied", reply["outcome"]!.GetValue<string>());
        Assert.True(pushed["ticked"]!.GetValue<bool>());
        Assert.Equal(version + 1, pushed["version"]!.GetValue<int>());
        Assert.EndsWith(" ART", pushed["tickedAt"]!.GetValue<string>(), StringComparison.Ordinal);

        await ticker.InvokeAsync("Untick", run.Id, "daily.performance.database", version + 1, Guid.NewGuid().ToString());
        var unticked = await NextItemAsync(watcher, "daily.performance.database");
        Assert.False(unticked["ticked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Tick_ThroughTheHubRetriedWithTheSameKey_IsReplayedNotReapplied()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        await using var client = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", browser.CookieHeader);
        var key = Guid.NewGuid().ToString();

        var first = (await client.InvokeAsync("Tick", run.Id, "weekly.friday.documentation", 0, key))!;
        var retry = (await client.InvokeAsync("Tick", run.Id, "weekly.friday.documentation", 0, key))!;

        Assert.Equal("applied", first["outcome"]!.GetValue<string>());
        Assert.Equal("replayed", retry["outcome"]!.GetValue<string>());
        Assert.Single(await factory.ChangesAsync(run.Id), c => c.ItemKey == "weekly.friday.documentation");
    }

    [Fact]
    public async Task SetNote_WithAStaleVersion_ReturnsTheCurrentStateAndAMessage()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        await factory.Store.ApplyAsync(new(run.Id, "weekly.monday.cost", ChecklistChangeKind.Tick, 0, Guid.NewGuid()),
            new("e", "eva@test.local"), CancellationToken.None);
        await using var client = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", browser.CookieHeader);

        var reply = (await client.InvokeAsync("SetNote", run.Id, "weekly.monday.cost", 0, Guid.NewGuid().ToString(), "late"))!;

        Assert.Equal("stale", reply["outcome"]!.GetValue<string>());
        Assert.StartsWith("eva@test.local ticked this at ", reply["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(reply["item"]!["ticked"]!.GetValue<bool>());
        Assert.Null(reply["item"]!["note"]);
    }

    [Fact]
    public async Task Tick_ByAViewer_IsRefusedAndStoresNothing()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        await using var client = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", browser.CookieHeader);

        var ex = await Assert.ThrowsAsync<HubException>(() =>
            client.InvokeAsync("Tick", run.Id, "weekly.friday.post-mortems", 0, Guid.NewGuid().ToString()));

        Assert.Contains("unauthorized", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(await factory.ChangesAsync(run.Id), c => c.ItemKey == "weekly.friday.post-mortems");
    }

    [Theory]
    [InlineData("weekly.friday.report", "not-a-uuid", "", "The idempotency key must be a UUID")]
    [InlineData("Weekly Friday", "{key}", "", "The item key is malformed")]
    [InlineData("weekly.friday.report", "{key}", "long", "the limit is 1000")]
    public async Task Change_Malformed_IsRefusedWithAClearMessage(string itemKey, string idempotencyKey, string note, string message)
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        await using var client = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", browser.CookieHeader);
        var key = idempotencyKey.Replace("{key}", Guid.NewGuid().ToString(), StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<HubException>(() => note == "long"
            ? client.InvokeAsync("SetNote", run.Id, itemKey, 0, key, new string('y', 1001))
            : client.InvokeAsync("Tick", run.Id, itemKey, 0, key));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.ChangesAsync(run.Id), c => c.ItemKey == "weekly.friday.report");
    }

    [Fact]
    public async Task Connect_WithoutSignIn_IsRefusedWith401()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", null));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> NextItemAsync(HubTestClient client, string key)
    {
        while (true)
        {
            var item = (await client.NextAsync("ItemChanged", TimeSpan.FromSeconds(5)))[0]!;
            if (item["key"]!.GetValue<string>() == key)
            {
                return item;
            }
        }
    }
}
