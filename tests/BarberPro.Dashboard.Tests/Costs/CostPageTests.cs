using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Costs;

/// <summary>
/// The cost page through HTTP against a fresh dashboard database: seed figures on first start, manager edits with
/// post/redirect/get, refused input that stores nothing, CSV import all-or-nothing, export, rates, and who may see it.
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

    private static async Task<HttpResponseMessage> PostFormAsync(TestBrowser browser, string handler, IDictionary<string, string> fields)
    {
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/costs");
        var content = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token, ["_handler"] = handler };
        return await browser.Http.PostAsync("/costs", new FormUrlEncodedContent(content));
    }

    private static async Task<HttpResponseMessage> ImportAsync(TestBrowser browser, string csv)
    {
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/costs");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("cost-import"), "_handler" },
            { new StringContent("csv"), "Import.Kind" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "costs.csv");
        return await browser.Http.PostAsync("/costs", form);
    }

    [Fact]
    public async Task Get_FirstStart_ShowsTheSeedMonthAgainstTheBaseline()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var html = await manager.Http.GetStringAsync("/costs");

        Assert.Contains("US$ 3,395.00", html, StringComparison.Ordinal);
        Assert.Contains("US$ 6,400.00: 47 % reduction", html, StringComparison.Ordinal);
        Assert.Contains("US$ 2,150.00", html, StringComparison.Ordinal);
        Assert.Contains("US$ 4,000.00", html, StringComparison.Ordinal);
        Assert.Contains("seed (SPEC.md)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEntries_Manager_SavesRedirectsAndLogsWhoChangedIt()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var response = await PostFormAsync(manager, "cost-entries", new Dictionary<string, string>
        {
            ["Entries.Month"] = "2025-01",
            ["Entries.Amounts[Compute]"] = "4,000.00",
            ["Entries.Amounts[Database]"] = "700",
            ["Entries.Note"] = "before the optimisation",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/costs?month=2025-01&saved=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2, await EntriesOfAsync("2025-01"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM dashboard.cost_entry_changes WHERE month = @month AND source = 'form' AND actor_name LIKE 'manager-%'", "2025-01"));
        var page = WebUtility.HtmlDecode(await manager.Http.GetStringAsync("/costs?month=2025-01"));
        Assert.Contains("US$ 4,700.00 ÷ (no data) active users", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEntries_OneInvalidAmount_Answers400WithTheReasonAndStoresNothing()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var response = await PostFormAsync(manager, "cost-entries", new Dictionary<string, string>
        {
            ["Entries.Month"] = "2025-02",
            ["Entries.Amounts[Compute]"] = "100",
            ["Entries.Amounts[Storage]"] = "a lot",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Storage: Amount must be a number of US dollars", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"a lot\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await EntriesOfAsync("2025-02"));
    }

    [Fact]
    public async Task PostEntries_WithoutAntiforgeryToken_IsRefusedAndStoresNothing()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var response = await manager.Http.PostAsync("/costs", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "cost-entries",
            ["Entries.Month"] = "2025-05",
            ["Entries.Amounts[Compute]"] = "1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await EntriesOfAsync("2025-05"));
    }

    [Fact]
    public async Task Import_GoodFile_StoresEveryLine()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var response = await ImportAsync(manager, "month,category,amount_usd,note\n2025-03,Compute,\"2,150.00\",reserved\n2025-03,Network,180\n");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await EntriesOfAsync("2025-03"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM dashboard.cost_entry_changes WHERE month = @month AND source = 'csv'", "2025-03"));
    }

    [Fact]
    public async Task Import_OneBadLine_RejectsTheWholeFileNamingTheLine()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);

        var response = await ImportAsync(manager, "month,category,amount_usd\n2025-04,Compute,2150\n2025-04,Storage,-3\n2025-04,Network,180\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Line 3: Amount must be between 0 and", html, StringComparison.Ordinal);
        Assert.Contains("rejected as a whole; nothing was saved", html, StringComparison.Ordinal);
        Assert.Equal(0, await EntriesOfAsync("2025-04"));
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
        Assert.Contains(",Compute,2150.00,Seed figure from SPEC.md\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_Recorded_ShowsTheMonthInPesosTheArgentineWay()
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);
        await PostFormAsync(manager, "cost-entries", new Dictionary<string, string> { ["Entries.Month"] = "2025-06", ["Entries.Amounts[Compute]"] = "1234.5" });

        var response = await PostFormAsync(manager, "usd-ars-rate", new Dictionary<string, string> { ["Rate.Date"] = "2025-06-01", ["Rate.ArsPerUsd"] = "1000" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await manager.Http.GetStringAsync("/costs?month=2025-06&currency=ARS");
        Assert.Contains("$ 1.234.500,00", html, StringComparison.Ordinal);
        Assert.Contains("$ 1.000,00 ARS per US$", html, StringComparison.Ordinal);
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
