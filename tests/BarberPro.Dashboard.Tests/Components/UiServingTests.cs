using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BarberPro.Dashboard.Components.Themes;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>
/// How the interactive UI is served by the app as the scripts run it (build output, Testing environment): the Blazor
/// script, the circuit's negotiate past the antiforgery guard, and the theme form of the static pages.
/// </summary>
public sealed partial class UiServingTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/_framework/blazor.web.js", "javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/Components/App.razor.js", "javascript")]
    [InlineData("/Components/Layout/ReconnectModal.razor.js", "javascript")]
    [InlineData("/BarberPro.Dashboard.styles.css", "text/css")]
    public async Task TheUisScriptsAndStyles_AreServed_OutsideDevelopment(string path, string contentType)
    {
        using var browser = factory.CreateBrowser();

        var response = await browser.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contentType, response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    /// <summary>
    /// The sign-in page (its own document, no circuit) is styled by MudBlazor's stylesheet and the app's themes, light or
    /// dark as the browser prefers, keeps the fields the sign-in rules and the end-to-end fixture use, and links no
    /// other CSS framework or bundle.
    /// </summary>
    [Fact]
    public async Task TheSignInPage_UsesMudBlazorsStylesheet_InTheBrowsersLightOrDarkTheme_AndNothingElse()
    {
        using var browser = factory.CreateBrowser();

        var page = await browser.Http.GetStringAsync("/account/login?returnUrl=%2Fcosts");

        Assert.Contains("<link rel=\"stylesheet\" href=\"/_content/MudBlazor/MudBlazor.min.css\">", page, StringComparison.Ordinal);
        Assert.Contains("<style media=\"not all and (prefers-color-scheme: dark)\"", page, StringComparison.Ordinal);
        Assert.Contains("<style media=\"(prefers-color-scheme: dark)\"", page, StringComparison.Ordinal);
        Assert.Contains($"--bp-ok:{DashboardThemes.LightPalette.Status.Ok};", page, StringComparison.Ordinal);
        Assert.Contains($"--bp-ok:{DashboardThemes.DarkPalette.Status.Ok};", page, StringComparison.Ordinal);
        Assert.Contains("id=\"email\" name=\"Email\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"password\" name=\"Password\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"ReturnUrl\" value=\"/costs\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"mud-button-root mud-button mud-button-filled mud-button-filled-primary", page, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(page, "<link rel=\"stylesheet\""));
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// The page links every asset by its fingerprinted name (MapStaticAssets): served signed out, cached immutable, in the
    /// compression the browser asked for, and the import map maps the charts' module to its fingerprinted name.
    /// </summary>
    [Theory]
    [InlineData("_framework/blazor.web", "js", true)]
    [InlineData("_content/MudBlazor/MudBlazor.min", "css", false)]
    [InlineData("_content/MudBlazor/MudBlazor.min", "js", false)]
    [InlineData("BarberPro.Dashboard", "styles.css", true)]
    [InlineData("Components/App", "razor.js", true)]
    public async Task ThePagesAssets_AreFingerprinted_Immutable_Compressed_AndServedSignedOut(string name, string extension, bool compressedByTheBuild)
    {
        using var signedIn = await factory.SignInAsRoleAsync("Admin");
        var page = await signedIn.Http.GetStringAsync("/admin/users");
        var url = Regex.Match(page, $"\"({Regex.Escape(name)}\\.[a-z0-9]{{10}}\\.{Regex.Escape(extension)})\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(url), $"{name}.{extension} is not linked by a fingerprinted name");

        using var anonymous = factory.CreateBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/" + url);
        // As a browser asks. The build makes gzip copies; publish adds Brotli ones, preferred when both exist.
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br, zstd");
        var response = await anonymous.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        // A package's assets (MudBlazor's) have no compressed copy under their fingerprinted names (README).
        Assert.True(!compressedByTheBuild || response.Content.Headers.ContentEncoding.SequenceEqual(["gzip"])
            || response.Content.Headers.ContentEncoding.SequenceEqual(["br"]),
            $"Content-Encoding: {string.Join(",", response.Content.Headers.ContentEncoding)}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }

    [Fact]
    public async Task ThePagesImportMap_CarriesTheResponsesCspNonce_AndMapsTheChartModule()
    {
        using var signedIn = await factory.SignInAsRoleAsync("Viewer");

        var response = await signedIn.Http.GetAsync("/");
        var page = await response.Content.ReadAsStringAsync();

        var map = ImportMap().Match(page);
        Assert.True(map.Success, "no import map on the page");
        // The first policy is the dashboard's (Blazor adds a second one, frame-ancestors 'self', on interactive pages).
        var csp = response.Headers.GetValues("Content-Security-Policy").First();
        Assert.Contains($"script-src 'self' 'nonce-{map.Groups["nonce"].Value}';", csp, StringComparison.Ordinal);
        Assert.Matches("\"\\./Charts/ApexChart\\.razor\\.js\":\\s*\"\\./Charts/ApexChart\\.[a-z0-9]{10}\\.razor\\.js\"", map.Groups["json"].Value);
        Assert.Matches("\"\\./lib/apexcharts/apexcharts\\.esm\\.js\":\\s*\"\\./lib/apexcharts/apexcharts\\.esm\\.[a-z0-9]{10}\\.js\"", map.Groups["json"].Value);
        // Another response, another nonce.
        var again = await signedIn.Http.GetAsync("/");
        Assert.NotEqual(csp, again.Headers.GetValues("Content-Security-Policy").First());
    }

    [GeneratedRegex("<script type=\"importmap\" nonce=\"(?<nonce>[0-9a-f]{32})\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    [Fact]
    public async Task TheCircuitsNegotiate_IsNotRefusedByTheAntiforgeryGuard()
    {
        using var browser = await factory.SignInAsRoleAsync("Viewer");

        var response = await browser.Http.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("connectionToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheThemeForm_StoresTheChoice_AndReturnsToThePage()
    {
        using var browser = await factory.SignInAsRoleAsync("Viewer");
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/bookings");

        var response = await browser.Http.PostAsync(ThemeEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Theme"] = "dark",
            ["ReturnUrl"] = "/bookings",
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bookings", response.Headers.Location?.OriginalString);
        var page = await browser.Http.GetStringAsync("/bookings");
        Assert.Contains("data-theme=\"dark\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheThemeForm_RefusesAnUnknownTheme_AndAForeignReturnAddress()
    {
        using var browser = await factory.SignInAsRoleAsync("Viewer");
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/bookings");

        var unknown = await browser.Http.PostAsync(ThemeEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Theme"] = "neon",
        }));
        var foreign = await browser.Http.PostAsync(ThemeEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Theme"] = "light",
            ["ReturnUrl"] = "//evil.example/",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("/", foreign.Headers.Location?.OriginalString);
        Assert.NotNull(factory.Services.GetRequiredService<IUserPreferencesStore>());
    }
}
