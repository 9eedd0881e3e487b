using System.Net;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>
/// The culture of each request, as the app serves it: the signed-in user's stored choice, then the language cookie,
/// then the browser's Accept-Language, then English; and the user menu's form that stores the choice.
/// </summary>
public sealed class LanguageChoiceTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string SpanishNav = "<div class=\"mud-nav-link-text\">Reservas</div>";
    private const string EnglishNav = "<div class=\"mud-nav-link-text\">Bookings</div>";

    [Fact]
    public async Task TheChoice_IsStoredForTheUser_SetsTheCookie_AndFollowsTheUserToAnotherBrowser()
    {
        var email = $"idioma-{Guid.NewGuid():N}@test.local";
        var password = await factory.CreateUserAsync(email, "Viewer");
        using var first = await factory.SignInAsync(email, password);
        var before = await first.Http.GetStringAsync("/bookings");
        Assert.Contains("<html lang=\"en\">", before, StringComparison.Ordinal);
        Assert.Contains(EnglishNav, before, StringComparison.Ordinal);

        var response = await ChooseAsync(first, "es-AR", "/bookings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/bookings", response.Headers.Location?.OriginalString);
        Assert.Contains(".AspNetCore.Culture=c%3Des-AR%7Cuic%3Des-AR", first.CookieHeader, StringComparison.Ordinal);
        var after = await first.Http.GetStringAsync("/bookings");
        Assert.Contains("<html lang=\"es-AR\">", after, StringComparison.Ordinal);
        Assert.Contains(SpanishNav, after, StringComparison.Ordinal);

        // Another browser, no cookie, a browser asking for English: the stored choice comes first.
        using var second = await factory.SignInAsync(email, password);
        Assert.DoesNotContain(".AspNetCore.Culture", second.CookieHeader, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bookings");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var there = await (await second.Http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains(SpanishNav, there, StringComparison.Ordinal);

        // English chosen there: the first browser, whose cookie still says Spanish, follows the stored choice.
        Assert.Equal(HttpStatusCode.Redirect, (await ChooseAsync(second, "en", "/")).StatusCode);
        Assert.Contains(EnglishNav, await first.Http.GetStringAsync("/bookings"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-ES,es;q=0.9,en;q=0.8", "es-AR")]
    [InlineData("es", "es-AR")]
    [InlineData("fr-FR,fr;q=0.9,es-AR;q=0.5,en;q=0.4", "es-AR")]
    [InlineData("en-GB,en;q=0.9,es;q=0.8", "en")]
    [InlineData("de-DE", "en")]
    public async Task WithoutAChoice_TheBrowsersLanguageDecides_AndEnglishOtherwise(string acceptLanguage, string expected)
    {
        using var browser = await factory.SignInAsRoleAsync("Viewer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bookings");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await (await browser.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"{expected}\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownLanguage_IsRefused_AndAForeignReturnAddressGoesHome()
    {
        using var browser = await factory.SignInAsRoleAsync("Viewer");

        var unknown = await ChooseAsync(browser, "klingon", "/bookings");
        var foreign = await ChooseAsync(browser, "en", "//evil.example/");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("/", foreign.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> ChooseAsync(TestBrowser browser, string language, string returnUrl)
    {
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/bookings");
        return await browser.Http.PostAsync(LanguageEndpoints.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Language"] = language,
            ["ReturnUrl"] = returnUrl,
        }));
    }
}
