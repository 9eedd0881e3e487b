using System.Net;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests;

public sealed class HealthEndpointTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task Health_AnswersWithoutSignIn()
    {
        using var browser = factory.CreateBrowser();
        var response = await browser.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_ReportsTheDashboardDatabase()
    {
        using var browser = factory.CreateBrowser();
        var response = await browser.Http.GetAsync("/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"dashboard-db\":{\"status\":\"Healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithTheBootstrapAdmin_ReachesTheOverview()
    {
        using var browser = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        var html = await browser.Http.GetStringAsync("/");
        Assert.Contains(DashboardFactory.AdminEmail, html, StringComparison.Ordinal);
    }
}
