using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary><c>Security:MetricsRequireSignIn</c>: the dashboard's own /metrics only for a signed-in Admin.</summary>
public sealed class MetricsAccessTests(MetricsAccessTests.Factory factory) : IClassFixture<MetricsAccessTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:MetricsRequireSignIn"] = "true",
        };
    }

    [Fact]
    public async Task Metrics_WithoutSignIn_Answer401WithoutAnyFigure()
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("barberpro_dashboard_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Manager)]
    public async Task Metrics_ForABelowAdminRole_Answer403(string role)
    {
        using var browser = await factory.SignInAsRoleAsync(role);

        var response = await browser.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("barberpro_dashboard_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ForAnAdmin_AreServed()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Admin);

        var response = await browser.Http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("barberpro_dashboard_live_viewers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
