using System.Net;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Microsoft.AspNetCore.Http;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// The pages before and around sign-in have no circuit and no signed-in user: their language is the request's (the
/// language cookie, then the browser's Accept-Language), and &lt;html lang&gt; says it.
/// </summary>
public sealed class StaticPagesLanguageTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task TheSignInPage_WithASpanishBrowser_ReadsSpanish_AndSaysSoInHtmlLang()
    {
        using var browser = factory.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-AR,es;q=0.9,en;q=0.5");

        // Razor writes "ó" as "&#xF3;": read as the browser shows it.
        var html = WebUtility.HtmlDecode(await browser.Http.GetStringAsync("/account/login"));

        Assert.Contains("<html lang=\"es-AR\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Iniciar sesión · BarberPro Ops</title>", html, StringComparison.Ordinal);
        Assert.Contains(">Iniciar sesión</h1>", html, StringComparison.Ordinal);
        Assert.Contains("for=\"email\">Correo electrónico", html, StringComparison.Ordinal);
        Assert.Contains("for=\"password\">Contraseña", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"mud-button-label\">Ingresar</span>", html, StringComparison.Ordinal);
        // The form's field names (name="Password") are the server's, not words on the page.
        Assert.DoesNotContain(">Password", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignInPage_WithAnEnglishBrowser_OrNoneSaid_ReadsEnglish()
    {
        using var browser = factory.CreateBrowser();

        var html = await browser.Http.GetStringAsync("/account/login");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains(">Sign in</h1>", html, StringComparison.Ordinal);
        Assert.Contains("for=\"password\">Password", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedSignIn_SaysWhyInTheBrowsersLanguage_TheSameWhateverWentWrong()
    {
        using var browser = factory.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        var response = await DashboardFactory.PostLoginAsync(browser.Http, $"nadie-{Guid.NewGuid():N}@test.local", "una-clave-cualquiera");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<html lang=\"es-AR\">", html, StringComparison.Ordinal);
        Assert.Contains("El correo o la contraseña no son correctos. Después de varios intentos fallidos, la cuenta se bloquea por un rato.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountEndpoints.FailureMessage, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheErrorPage_ReadsSpanish_InASpanishDocument_NotMarkedEnglish()
    {
        using var browser = factory.CreateBrowser();
        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es-AR");

        var html = WebUtility.HtmlDecode(await browser.Http.GetStringAsync("/error"));

        Assert.Contains("<html lang=\"es-AR\">", html, StringComparison.Ordinal);
        Assert.Contains("Algo falló de nuestro lado", html, StringComparison.Ordinal);
        Assert.Contains("Volver al resumen", html, StringComparison.Ordinal);
        // The page's own box is not marked English (a page not converted yet is: lang="en").
        var box = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"container-xl bp-page\"[^>]*>");
        Assert.True(box.Success);
        Assert.DoesNotContain("lang=", box.Value, StringComparison.Ordinal);
        Assert.Equal([], EnglishWords.In(System.Text.RegularExpressions.Regex.Replace(html[html.IndexOf("data-testid=\"error\"", StringComparison.Ordinal)..], "<[^>]+>", " ")));
    }

    /// <summary>"Not saved" is said when the database does not answer, so the user's stored choice cannot be read: the
    /// cookie decides, then the browser.</summary>
    [Theory]
    [InlineData(null, "es-ES,es;q=0.9", "es-AR")]
    [InlineData("c=en|uic=en", "es-AR", "en")]
    [InlineData("c=es-AR|uic=es-AR", "en-US", "es-AR")]
    [InlineData(null, "de-DE", "en")]
    [InlineData(null, null, "en")]
    public async Task TheNotSavedPage_TakesItsLanguage_FromTheCookieThenTheBrowser(string? cookie, string? acceptLanguage, string expected)
    {
        var http = new DefaultHttpContext();
        if (cookie is not null)
        {
            http.Request.Headers.Cookie = ".AspNetCore.Culture=" + Uri.EscapeDataString(cookie);
        }
        if (acceptLanguage is not null)
        {
            http.Request.Headers.AcceptLanguage = acceptLanguage;
        }

        Assert.Equal(expected, await SessionOutageGuard.LanguageWithoutDatabaseAsync(http));
    }
}
