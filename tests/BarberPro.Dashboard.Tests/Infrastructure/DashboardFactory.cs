using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>
/// The dashboard hosted in memory against its own fresh database on the real PostgreSQL. One per test class
/// (IClassFixture) or per test when a test needs other settings.
/// </summary>
public class DashboardFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";

    private TestDatabase? _database;

    public string AdminPassword { get; } = "adm-" + Guid.NewGuid().ToString("N");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Extra settings a test class needs (keys as in appsettings, e.g. "Security:RequireHttps").</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(GetType().Name.Length > 12 ? GetType().Name[..12] : GetType().Name);
        _ = Services; // start the host now: migrations and the first Admin
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Dashboard"] = Database.ConnectionString,
                ["Bootstrap:AdminEmail"] = AdminEmail,
                ["Bootstrap:AdminPassword"] = AdminPassword,
                ["Security:RequireHttps"] = "false",
                ["Prometheus:BaseUrl"] = TestEnvironment.Require("BARBERPRO_PROMETHEUS_URL"),
                ["Panels:ScrapeInterval"] = "00:00:01",
                ["Live:PollInterval"] = "00:00:01",
                // In-process hosts share the 2 cores with parallel test classes and their PBKDF2 sign-ins: a 7-day chart
                // opened by a host still starting once saw three 5 s timeouts in a row. The product's 5 s default and the
                // retries are the Prometheus client's own tests' concern; here a read must not fail for want of CPU.
                ["Prometheus:Timeout"] = "00:00:15",
                // Every test client shares one in-memory address, so the per-client limit would be shared across
                // tests; SignInSecurityTests checks the limiter with its own low figures.
                ["Security:LoginAttemptsPerMinutePerClient"] = "100000",
                // The report scheduler catches up a week of reports at start; its own tests run it on a manual clock.
                ["Reports:Schedule"] = "false",
            };
            foreach (var (key, value) in Settings)
            {
                settings[key] = value;
            }
            config.AddInMemoryCollection(settings);
        });
    }

    /// <summary>A client that keeps cookies like a browser and does not follow redirects, so tests see them.</summary>
    public TestBrowser CreateBrowser()
    {
        var cookies = new CookieContainer();
        return new TestBrowser(CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies)), cookies);
    }

    /// <summary>Creates a user with the given role (or none) and returns its password.</summary>
    public async Task<string> CreateUserAsync(string email, string? role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        var user = new DashboardUser { UserName = email, Email = email, DisplayName = email, CreatedAt = DateTimeOffset.UnixEpoch };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        if (role is not null)
        {
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return password;
    }

    /// <summary>A browser-like client signed in through the real sign-in form.</summary>
    public async Task<TestBrowser> SignInAsync(string email, string password)
    {
        var browser = CreateBrowser();
        var response = await PostLoginAsync(browser.Http, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public async Task<TestBrowser> SignInAsRoleAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        return await SignInAsync(email, await CreateUserAsync(email, role));
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var token = await GetAntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
        }));
    }

    /// <summary>Reads the antiforgery token from a page's first form, as a browser would submit it.</summary>
    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"No antiforgery token on {path}");
        return match.Groups[1].Value;
    }
}

/// <summary>An HTTP client with its cookie jar (the jar also feeds the hub client's WebSocket handshake).</summary>
public sealed record TestBrowser(HttpClient Http, CookieContainer Cookies) : IDisposable
{
    public string CookieHeader => Cookies.GetCookieHeader(new Uri("http://localhost"));

    public void Dispose() => Http.Dispose();
}
