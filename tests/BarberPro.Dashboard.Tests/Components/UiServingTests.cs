using System.Net;
using BarberPro.Dashboard.Components.Themes;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>
/// How the interactive UI is served by the app as the scripts run it (build output, Testing environment): the Blazor
/// script, the circuit's negotiate past the antiforgery guard, and the theme form of the static pages.
/// </summary>
public sealed class UiServingTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
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
