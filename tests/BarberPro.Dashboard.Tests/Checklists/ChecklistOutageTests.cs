using System.Net;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>
/// The dashboard running while the checklist database does not answer: sign-in still works (its own connection), but
/// every checklist store points at a port where nothing listens. A tick must be refused visibly, never dropped.
/// </summary>
public sealed class ChecklistOutageTests(ChecklistOutageTests.OutageFactory factory) : IClassFixture<ChecklistOutageTests.OutageFactory>
{
    [Fact]
    public async Task HubTick_WhenTheDatabaseIsDown_IsRefusedWithAMessageTheClientShows()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        await using var client = await HubTestClient.ConnectAsync(factory.Server, "/hubs/checklists", browser.CookieHeader);

        var ex = await Assert.ThrowsAsync<HubException>(() =>
            client.InvokeAsync("Tick", 1, "daily.morning.uptime", 0, Guid.NewGuid().ToString()));

        Assert.Contains(ChecklistUnavailableException.DefaultMessage, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChecklistPage_WhenTheDatabaseIsDown_SaysSoWith503()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var response = await browser.Http.GetAsync("/checklists");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The checklist database did not answer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public sealed class OutageFactory : DashboardFactory
    {
        private readonly NpgsqlDataSource _dead = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=x;Username=x;Timeout=2");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ChecklistStore>();
                services.AddSingleton(sp => new ChecklistStore(_dead, sp.GetRequiredService<TimeProvider>()));
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await _dead.DisposeAsync();
        }
    }
}
