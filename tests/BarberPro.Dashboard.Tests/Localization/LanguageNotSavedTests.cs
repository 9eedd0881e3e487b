using System.Security.Claims;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Components.Layout;
using BarberPro.Dashboard.Components.Themes;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Components;
using BarberPro.Dashboard.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>
/// A language chosen while the database does not answer: this browser still turns (the cookie), the page it returns to
/// carries the flag, and the user menu says beside the language choice that other browsers keep theirs.
/// </summary>
public sealed class LanguageNotSavedTests : ComponentTestContext
{
    public LanguageNotSavedTests()
    {
        Services.AddSingleton<IUserPreferencesStore>(new SystemTheme());
        SignIn("operador@barberpro.test", Roles.Viewer);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task WithTheDatabaseDown_TheCookieIsSet_AndTheRedirectCarriesTheFlag()
    {
        var store = new Store { Down = true, Stored = "en" };
        var languages = new UserLanguages(store, TimeProvider.System, NullLogger<UserLanguages>.Instance);
        Assert.Equal("en", await languages.GetAsync("u1", CancellationToken.None));
        var http = SignedInRequest("u1");

        var result = await LanguageEndpoints.SaveAsync(new LanguageForm { Language = "es-AR", ReturnUrl = "/costs?month=2026-11#unit-h" },
            http, languages, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);

        await result.ExecuteAsync(http);
        Assert.Equal(StatusCodes.Status302Found, http.Response.StatusCode);
        Assert.Equal("/costs?month=2026-11&language-not-saved=1#unit-h", http.Response.Headers.Location.ToString());
        Assert.Contains(".AspNetCore.Culture=c%3Des-AR%7Cuic%3Des-AR", http.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
        // The old choice remembered in this process no longer beats the new cookie: the next read asks the database.
        Assert.Null(await languages.GetAsync("u1", CancellationToken.None));
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task WithTheDatabaseUp_TheRedirectHasNoFlag_AndAnOldFlagGoes()
    {
        var store = new Store();
        var languages = new UserLanguages(store, TimeProvider.System, NullLogger<UserLanguages>.Instance);
        var http = SignedInRequest("u1");

        var result = await LanguageEndpoints.SaveAsync(new LanguageForm { Language = "es-AR", ReturnUrl = "/bookings?language-not-saved=1" },
            http, languages, TimeProvider.System, NullLoggerFactory.Instance, CancellationToken.None);

        await result.ExecuteAsync(http);
        Assert.Equal("/bookings", http.Response.Headers.Location.ToString());
        Assert.Equal("es-AR", store.Stored);
    }

    [Theory]
    [InlineData("/", "/?language-not-saved=1")]
    [InlineData("/alerts?state=firing", "/alerts?state=firing&language-not-saved=1")]
    [InlineData("/wall?language-not-saved=1", "/wall?language-not-saved=1")]
    public void TheFlag_IsAddedOnce(string returnUrl, string expected)
    {
        Assert.Equal(expected, LanguageEndpoints.WithNotSavedFlag(returnUrl));
        Assert.True(LanguageEndpoints.IsNotSavedFlagged("http://localhost" + expected));
        Assert.False(LanguageEndpoints.IsNotSavedFlagged("http://localhost" + returnUrl.Replace("?language-not-saved=1", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void InSpanish_TheUserMenu_OpensAndSaysItBesideTheLanguageChoice()
    {
        using var culture = CultureScope.Use("es-AR");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/costs?month=2026-11&language-not-saved=1");

        var menu = Render<UserMenu>(p => p.Add(m => m.UserName, "operador@barberpro.test"));

        Assert.True(menu.Find("[data-testid=user-menu]").HasAttribute("open"));
        var note = menu.Find("[data-testid=language-choice] [data-testid=language-not-saved]");
        Assert.Equal("status", note.GetAttribute("role"));
        Assert.Equal("▲ Idioma cambiado solo en este navegador: la base de datos no respondió, así que tus otros navegadores siguen en el idioma que tenían. Elegilo de nuevo más tarde para guardarlo en todos.",
            note.TextContent.Trim());
    }

    [Fact]
    public void InEnglish_TheNoteReadsEnglish_AndWithoutTheFlagThereIsNone()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/bookings?language-not-saved=1");
        var flagged = Render<UserMenu>();
        Assert.StartsWith("▲ Language changed for this browser only: the database did not answer",
            flagged.Find("[data-testid=language-not-saved]").TextContent.Trim(), StringComparison.Ordinal);

        navigation.NavigateTo("/bookings");
        var plain = Render<UserMenu>();
        Assert.Empty(plain.FindAll("[data-testid=language-not-saved]"));
        Assert.False(plain.Find("[data-testid=user-menu]").HasAttribute("open"));
    }

    private static DefaultHttpContext SignedInRequest(string userId)
    {
        var http = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")),
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        http.Response.Body = new MemoryStream();
        return http;
    }

    private sealed class Store : IUserLanguageStore
    {
        public bool Down { get; set; }

        public string? Stored { get; set; }

        public int Reads { get; private set; }

        public Task<string?> GetLanguageAsync(string userId, CancellationToken cancellationToken)
        {
            Reads++;
            return Down && Reads > 1 ? throw new NpgsqlException("down") : Task.FromResult(Stored);
        }

        public Task SetLanguageAsync(string userId, string language, CancellationToken cancellationToken)
        {
            if (Down)
            {
                throw new NpgsqlException("down");
            }
            Stored = language;
            return Task.CompletedTask;
        }
    }

    private sealed class SystemTheme : IUserPreferencesStore
    {
        public Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(ThemeChoice.System);

        public Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
