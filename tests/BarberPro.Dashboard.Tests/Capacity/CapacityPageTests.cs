using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Capacity;

public sealed class CapacityPageTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private async Task<long> HistoryCountAsync()
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM dashboard.capacity_assumptions", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<HttpResponseMessage> PostAsync(TestBrowser browser, string growth, string users)
    {
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/capacity");
        return await browser.Http.PostAsync("/capacity", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "capacity-assumptions",
            ["Form.GrowthPercent"] = growth,
            ["Form.CurrentUsers"] = users,
            ["Form.CostPerUserUsd"] = "0.68",
            ["Form.ManualReviewThreshold"] = "50000",
            ["Form.Months"] = "12",
        }));
    }

    [Fact]
    public async Task Capacity_ManagerChangesAssumptions_ThePageRecomputesAndKeepsWhoChangedThem()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);
        var before = await manager.Http.GetStringAsync("/capacity");
        Assert.Contains("53,502", before, StringComparison.Ordinal);
        Assert.Contains("US$ 36,381", before, StringComparison.Ordinal);
        Assert.Contains("Seed defaults", before, StringComparison.Ordinal);
        Assert.Contains("Add 2 database read replicas", before, StringComparison.Ordinal);
        Assert.Contains("Rosario", before, StringComparison.Ordinal);

        var invalid = await PostAsync(manager, "lots", "10000");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Growth rate must be a percentage", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await HistoryCountAsync());

        var saved = await PostAsync(manager, "10", "20,000");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("/capacity?saved=1", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var after = await manager.Http.GetStringAsync("/capacity?saved=1");
        Assert.Contains("12 months at 10 % per month from 20,000 users", after, StringComparison.Ordinal);
        Assert.Contains(">22,000<", after, StringComparison.Ordinal); // month 1: 20,000 × 1.1
        Assert.Contains("manual review", after, StringComparison.Ordinal); // 20,000 × 1.1^10 = 51,875
        Assert.Contains("Changed by manager-", after, StringComparison.Ordinal);
        Assert.Equal(1, await HistoryCountAsync());
    }

    [Fact]
    public async Task Capacity_Viewer_IsDenied()
    {
        using var viewer = await factory.SignInAsRoleAsync(Roles.Viewer);

        var response = await viewer.Http.GetAsync("/capacity");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal)));
    }
}
