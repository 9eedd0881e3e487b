using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Checklists;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>Two dashboard instances on one database: a change made on one reaches hub clients of the other, and so does who has a run open.</summary>
public sealed class ChecklistScaleOutTests(ChecklistsFactory first) : IClassFixture<ChecklistsFactory>
{
    [Fact]
    public async Task TickOnOneInstance_ReachesAClientOfAnotherInstance_ThroughNotify()
    {
        await using var second = new SecondInstance(first.Database.ConnectionString);
        using var browser = await first.SignInAsRoleAsync(Roles.Viewer);
        var run = await first.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        // The cookie issued by the first instance is read by the second: data-protection keys live in PostgreSQL.
        await using var watcher = await HubTestClient.ConnectAsync(second.Server, "/hubs/checklists", browser.CookieHeader);
        await watcher.InvokeAsync("JoinRun", run.Id);

        await first.Store.ApplyAsync(new(run.Id, "daily.security.waf", ChecklistChangeKind.Tick, 0, Guid.NewGuid()),
            new("f", "fede@test.local"), CancellationToken.None);

        var pushed = (await watcher.NextAsync("ItemChanged", TimeSpan.FromSeconds(5)))[0]!;
        Assert.Equal("daily.security.waf", pushed["key"]!.GetValue<string>());
        Assert.Equal("fede@test.local", pushed["tickedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task APageOpenOnOneInstance_IsListedOnTheOther_AndLeavesWhenItCloses()
    {
        await using var second = new SecondInstance(first.Database.ConnectionString);
        _ = second.Server;
        var run = await first.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        var onFirst = first.Services.GetRequiredService<ChecklistPresence>();
        var onSecond = second.Services.GetRequiredService<ChecklistPresence>();
        using var told = new SemaphoreSlim(0);
        using var yago = onSecond.Join(run.Id, "user-yago", "Yago", () => told.Release());

        var xime = onFirst.Join(run.Id, "user-xime", "Ximena", () => { });
        await WaitUntilAsync(told, () => onSecond.Who(run.Id).Any(v => v.Name == "Ximena"));
        Assert.Equal(["Ximena", "Yago"], onSecond.Who(run.Id).Select(v => v.Name).Order(StringComparer.Ordinal));

        xime.Dispose();
        await WaitUntilAsync(told, () => onSecond.Who(run.Id).All(v => v.Name != "Ximena"));
        Assert.Equal(["Yago"], onSecond.Who(run.Id).Select(v => v.Name));
    }

    /// <summary>Waits for the presence callbacks (never a fixed sleep) until the condition holds, at most 10 s.</summary>
    private static async Task WaitUntilAsync(SemaphoreSlim told, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero && await told.WaitAsync(left), "presence did not change within 10 s");
        }
    }

    private sealed class SecondInstance(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Dashboard"] = connectionString,
                ["Security:RequireHttps"] = "false",
                ["Prometheus:BaseUrl"] = TestEnvironment.Require("BARBERPRO_PROMETHEUS_URL"),
            }));
        }
    }
}
