using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using BarberPro.Core.Costs;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Costs;

/// <summary>
/// The cost page and its store against a fresh dashboard database: seed figures on first start (prerendered), one
/// change row per value that changed, an import the database refuses stores nothing, export, rates in pesos, and who
/// may see the page. What the page's controls do is in <see cref="CostsPageComponentTests"/>.
/// Each test edits its own month so that the tests of the class do not see each other's entries.
/// </summary>
public sealed class CostPageTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private async Task<long> CountAsync(string sql, string month)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("month", DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<long> EntriesOfAsync(string month) => CountAsync("SELECT count(*) FROM dashboard.cost_entries WHERE month = @month", month);

    private CostStore Store => factory.Services.GetRequiredService<CostStore>();

    private static readonly CostActor Manager = new("manager-id", "manager-test");

    [Fact]
    public async Task Get_FirstStart_ShowsTheSeedMonthAgainstTheBaseline()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var html = await manager.Http.GetStringAsync("/costs");

        Assert.Contains("US$ 3,395.00", html, StringComparison.Ordinal);
        Assert.Contains("US$ 6,400.00 — 47 % reduction", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("US$ 2,150.00", html, StringComparison.Ordinal);
        Assert.Contains("US$ 4,000.00", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2150.00\"", html, StringComparison.Ordinal);
        Assert.Contains("reference figures (first start)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SPEC.md", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_SameValuesAgain_WritesOneChangeRowPerValueThatChanged()
    {
        var month = new DateOnly(2025, 1, 1);
        Assert.Equal(2, await Store.ImportAsync([new(month, "Compute", 4000m, "before the optimisation"), new(month, "Database", 700m, null)], Manager, "form", default));

        Assert.Equal(1, await Store.ImportAsync([new(month, "Compute", 4000m, "before the optimisation"), new(month, "Database", 710m, null)], Manager, "csv", default));

        Assert.Equal(2, await EntriesOfAsync("2025-01"));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM dashboard.cost_entry_changes WHERE month = @month", "2025-01"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM dashboard.cost_entry_changes WHERE month = @month AND source = 'csv' AND from_usd = 700 AND to_usd = 710", "2025-01"));
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);
        var page = WebUtility.HtmlDecode(await manager.Http.GetStringAsync("/costs?month=2025-01"));
        Assert.Contains("US$ 4,710.00 ÷ (no data) active users", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_OneEntryTheDatabaseRefuses_StoresNoneOfTheFile()
    {
        var month = new DateOnly(2025, 4, 1);

        // A category the database does not know breaks the transaction after the first entry was written.
        await Assert.ThrowsAnyAsync<Exception>(() => Store.ImportAsync([new(month, "Compute", 2150m, null), new(month, "Unknown", 1m, null)], Manager, "csv", default));

        Assert.Equal(0, await EntriesOfAsync("2025-04"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM dashboard.cost_entry_changes WHERE month = @month", "2025-04"));
    }

    [Fact]
    public async Task Export_Manager_GetsTheEntriesInTheImportFormat()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var response = await manager.Http.GetAsync("/costs/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("month,category,amount_usd,note\n", csv, StringComparison.Ordinal);
        Assert.Contains(",Compute,2150.00,Reference figure (before any invoice was entered)\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_Recorded_ShowsTheMonthInPesosTheArgentineWay()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);
        await Store.ImportAsync([new(new DateOnly(2025, 6, 1), "Compute", 1234.5m, null)], Manager, "form", default);

        await Store.SaveRateAsync(new DateOnly(2025, 6, 1), 1000m, Manager, default);

        var html = await manager.Http.GetStringAsync("/costs?month=2025-06&currency=ARS");
        Assert.Contains("$ 1,234,500.00", html, StringComparison.Ordinal);
        Assert.Contains("$ 1,000.00 per US$", html, StringComparison.Ordinal);

        // A browser asking for Spanish reads the Argentine way.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/costs?month=2025-06&currency=ARS");
        request.Headers.AcceptLanguage.ParseAdd("es-AR,es;q=0.9");
        var spanish = await (await manager.Http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("$ 1.234.500,00", spanish, StringComparison.Ordinal);
        Assert.Contains("$ 1.000,00 por US$", spanish, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    public async Task CostPage_BelowManager_IsDeniedAndCannotWrite(string role)
    {
        using var browser = await factory.SignInAsRoleAsync(role);

        var get = await browser.Http.GetAsync("/costs");
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/account/login");
        var post = await browser.Http.PostAsync("/costs", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "cost-entries",
            ["Entries.Month"] = "2025-07",
            ["Entries.Amounts[Compute]"] = "1",
        }));

        foreach (var response in new[] { get, post })
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal)),
                $"{role} got {(int)response.StatusCode} {response.Headers.Location}");
        }
        Assert.Equal(0, await EntriesOfAsync("2025-07"));
        Assert.DoesNotContain("href=\"/costs\"", await browser.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
