using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>The Host header, forwarded headers, caching of signed-in answers, the Server banner and source maps.</summary>
public sealed class HostAndSurfaceTests(HostAndSurfaceTests.Factory factory) : IClassFixture<HostAndSurfaceTests.Factory>
{
    public const string Proxy = "10.20.0.5";

    public sealed class Factory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:KnownProxies:0"] = Proxy,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/admin/users")]
    public async Task AForeignHost_Is400_AndNeverReflected(string path)
    {
        using var browser = factory.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        var response = await browser.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/ready")]
    public async Task ProbesByPodAddress_StillAnswer(string path)
    {
        using var browser = factory.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "10.244.1.17:8080";
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/api/series?panel=throughput&range=1h", "application/json")]
    [InlineData("/costs/export.csv", "text/csv")]
    [InlineData("/", "text/html")]
    public async Task SignedInAnswers_AreNeverCached(string path, string mediaType)
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Manager);
        var response = await browser.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control of {path}: {response.Headers.CacheControl}");
    }

    [Fact]
    public void Kestrel_SendsNoServerBanner()
    {
        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task TheChartBundle_IsServed_ButNoSourceMap_OutsideDevelopment()
    {
        var environment = factory.Services.GetRequiredService<IWebHostEnvironment>();
        Assert.True(environment.WebRootFileProvider.GetFileInfo("lib/apexcharts/apexcharts.esm.js").Exists);
        using var browser = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/lib/apexcharts/apexcharts.esm.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/lib/apexcharts/apexcharts.esm.js.map")).StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_IsBelievedFromAKnownProxyOnly()
    {
        var viaProxy = $"proxied-{Guid.NewGuid():N}@test.local";
        var direct = $"direct-{Guid.NewGuid():N}@test.local";
        await PostWrongPasswordAsync(viaProxy, Proxy, "203.0.113.7");
        await PostWrongPasswordAsync(direct, "198.51.100.9", "203.0.113.8");

        Assert.Equal("203.0.113.7", await AuditedAddressAsync(viaProxy));
        Assert.Equal("198.51.100.9", await AuditedAddressAsync(direct));
    }

    private async Task PostWrongPasswordAsync(string email, string connection, string forwardedFor)
    {
        await factory.CreateUserAsync(email, Roles.Viewer);
        using var browser = factory.CreateBrowser();
        browser.Http.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, connection);
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardFactory.PostLoginAsync(browser.Http, email, "not-the-password-at-all")).StatusCode);
    }

    private async Task<string> AuditedAddressAsync(string email)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT remote_ip FROM dashboard.security_audit WHERE subject = @s AND kind = 'sign-in-failed'", connection);
        command.Parameters.AddWithValue("s", email);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
