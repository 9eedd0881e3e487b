using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>Two dashboard instances on one database: a change made on one reaches hub clients of the other.</summary>
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
