using System.Text.Json.Nodes;
using BarberPro.Core.Checklists;
using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

    /// <summary>
    /// The commit itself fails (a deferred trigger raising a serialization failure at COMMIT, as PostgreSQL does when
    /// it cannot serialise): the writer is told nothing was saved, and no other client hears of the change.
    /// </summary>
    [Fact]
    public async Task Tick_WhoseCommitFails_IsNotAcknowledged_NorPushedToAnyone()
    {
        const string failing = "weekly.wednesday.disaster-recovery";
        await using (var connection = new NpgsqlConnection(factory.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var ddl = new NpgsqlCommand($$"""
                CREATE OR REPLACE FUNCTION dashboard.test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN RAISE EXCEPTION 'commit refused by the test' USING ERRCODE = '40001'; END $f$;
                CREATE CONSTRAINT TRIGGER test_refuse_commit AFTER INSERT ON dashboard.checklist_changes
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.item_key = '{{failing}}')
                    EXECUTE FUNCTION dashboard.test_refuse_commit();
                """, connection);
            await ddl.ExecuteNonQueryAsync();
        }
        using var operatorBrowser = await factory.SignInAsRoleAsync(Roles.Operator);
        using var viewerBrowser = await factory.SignInAsRoleAsync(Roles.Viewer);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        await using var ticker = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", operatorBrowser.CookieHeader);
        await using var watcher = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", viewerBrowser.CookieHeader);
        await watcher.InvokeAsync("JoinRun", run.Id);

        var ex = await Assert.ThrowsAsync<HubException>(() => ticker.InvokeAsync("Tick", run.Id, failing, 0, Guid.NewGuid().ToString()));

        Assert.Contains(ChecklistUnavailableException.DefaultMessage, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await factory.ChangesAsync(run.Id), c => c.ItemKey == failing);
        var item = (await factory.Store.GetRunAsync(run.Id, CancellationToken.None))!.Sections.SelectMany(s => s.Items).Single(i => i.Key == failing);
        Assert.Equal((false, 0), (item.Ticked, item.Version));
        // Pushes reach a client in order: had the failed tick been pushed, it would arrive before this one.
        await ticker.InvokeAsync("Tick", run.Id, "weekly.monday.maintenance", 0, Guid.NewGuid().ToString());
        var next = (await watcher.NextAsync("ItemChanged", TimeSpan.FromSeconds(10)))[0]!;
        Assert.Equal("weekly.monday.maintenance", next["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOperatorDemotedToViewer_IsRefusedTheNextTickOnTheSameOpenSocket()
    {
        const string email = "demoted-operator@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Operator);
        using var browser = await factory.SignInAsync(email, password);
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Weekly, CancellationToken.None);
        await using var client = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", browser.CookieHeader);
        var before = (await client.InvokeAsync("Tick", run.Id, "weekly.monday.change-calendar", 0, Guid.NewGuid().ToString()))!;
        Assert.Equal("applied", before["outcome"]!.GetValue<string>());

        await ChangeRoleAsync(email, Roles.Operator, Roles.Viewer);

        var ex = await Assert.ThrowsAsync<HubException>(() =>
            client.InvokeAsync("Untick", run.Id, "weekly.monday.change-calendar", 1, Guid.NewGuid().ToString()));
        // SignalR prefixes a HubException's message with "An unexpected error occurred invoking 'Untick' on the server.".
        Assert.EndsWith("HubException: Your role does not allow this action.", ex.Message, StringComparison.Ordinal);
        Assert.Single(await factory.ChangesAsync(run.Id), c => c.ItemKey == "weekly.monday.change-calendar");
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

    private async Task ChangeRoleAsync(string email, string from, string to)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        // One transaction, as the Users page does: between two commits the user would have no role, and the session
        // event of that moment rightly closes the socket (a user without a role may not keep one).
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        Assert.True((await users.RemoveFromRoleAsync(user, from)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, to)).Succeeded);
        await transaction.CommitAsync();
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
