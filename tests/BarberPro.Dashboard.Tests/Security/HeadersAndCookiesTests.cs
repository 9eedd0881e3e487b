using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BarberPro.Dashboard.Tests.Security;

public sealed class HeadersAndCookiesTests(HeadersAndCookiesTests.HttpsFactory factory) : IClassFixture<HeadersAndCookiesTests.HttpsFactory>
{
    /// <summary>The dashboard as deployed: HTTPS required, production environment.</summary>
    public sealed class HttpsFactory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:RequireHttps"] = "true",
            ["Security:AllowedHosts:0"] = "ops.barberpro.test",
        };
    }

    private HttpClient Client() => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = false,
        BaseAddress = new Uri("https://ops.barberpro.test"),
    });

    [Fact]
    public async Task Pages_CarryTheSecurityHeaders()
    {
        using var client = Client();
        var response = await client.GetAsync("/account/login");
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline' ; script", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("script-src[^;]*unsafe", csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_IsHostPrefixed_Secure_HttpOnly_Lax()
    {
        using var client = Client();
        var page = await client.GetAsync("/account/login");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-barberpro-af=", StringComparison.Ordinal));
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Email"] = DashboardFactory.AdminEmail,
                ["Password"] = factory.AdminPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var response = await client.SendAsync(post);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-barberpro=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
