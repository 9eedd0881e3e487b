using BarberPro.Core.Security;
using BarberPro.Dashboard.Components.Layout;
using BarberPro.Dashboard.Components.Themes;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Tests.Components;
using BarberPro.Dashboard.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>The shell (drawer, app bar, user menu) in the circuit's language, and the language choice in the user menu.</summary>
public sealed class ShellLanguageTests : ComponentTestContext
{
    public ShellLanguageTests()
    {
        Services.AddSingleton<IUserPreferencesStore>(new SystemTheme());
        SignIn("gerente@barberpro.test", Roles.Admin);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void UnderSpanish_TheDrawerAndTheUserMenu_ReadSpanish()
    {
        using var culture = CultureScope.Use("es-AR");

        var layout = RenderLayout();

        Assert.Equal(["Resumen", "Alertas", "Incidentes", "Listas de control", "Reservas", "Informes", "Costos", "Capacidad", "Usuarios", "Modo pared"],
            layout.FindAll("[data-testid=nav-menu] .mud-nav-link-text").Select(t => t.TextContent));
        Assert.Equal("Páginas", layout.Find("[data-testid=nav-menu]").GetAttribute("aria-label"));
        Assert.Equal("Páginas", layout.Find(".bp-menu-wide").GetAttribute("aria-label"));
        var menu = layout.Find("[data-testid=user-menu]").TextContent;
        Assert.Contains("Tema", menu, StringComparison.Ordinal);
        Assert.Contains("Igual que el dispositivo", menu, StringComparison.Ordinal);
        Assert.Contains("Idioma", menu, StringComparison.Ordinal);
        Assert.Equal("Cerrar sesión", layout.Find("[data-testid=sign-out]").TextContent);
    }

    [Fact]
    public void UnderTheDefaultCulture_TheShellReadsEnglish()
    {
        var layout = RenderLayout();

        Assert.Equal(["Overview", "Alerts", "Incidents", "Checklists", "Bookings", "Reports", "Costs", "Capacity", "Users", "Wall mode"],
            layout.FindAll("[data-testid=nav-menu] .mud-nav-link-text").Select(t => t.TextContent));
        Assert.Equal("Sign out", layout.Find("[data-testid=sign-out]").TextContent);
    }

    /// <summary>The choice is a form post in a circuit too (the new culture needs a new page load), each language named
    /// in its own words and marked with its lang, the page's language pressed, and the page to come back to.</summary>
    [Fact]
    public void TheLanguageChoice_IsAFormPost_NamingEachLanguageInItsOwnWords()
    {
        using var culture = CultureScope.Use("es-AR");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/costs?month=2026-11");

        var layout = RenderLayout();

        var form = layout.Find("[data-testid=language-choice]");
        Assert.Equal("form", form.TagName.ToLowerInvariant());
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal(LanguageEndpoints.Path, form.GetAttribute("action"));
        Assert.Equal("/costs?month=2026-11", form.QuerySelector("input[name=ReturnUrl]")?.GetAttribute("value"));
        var choices = form.QuerySelectorAll("button[name=Language]");
        Assert.Equal(["en", "es-AR"], choices.Select(c => c.GetAttribute("value")));
        Assert.Equal(["English", "Español (Argentina)"], choices.Select(c => c.TextContent));
        Assert.Equal(["en", "es-AR"], choices.Select(c => c.GetAttribute("lang")));
        Assert.Equal(["false", "true"], choices.Select(c => c.GetAttribute("aria-pressed")));
        Assert.All(choices, c => Assert.Equal("submit", c.GetAttribute("type")));
    }

    /// <summary>A page not converted yet is English in either language, and says so (WCAG 3.1.2, language of parts).</summary>
    [Theory]
    [InlineData(typeof(BarberPro.Dashboard.Costs.CostsPage), null)]
    [InlineData(typeof(BarberPro.Dashboard.Checklists.ChecklistsPage), null)]
    [InlineData(typeof(BarberPro.Dashboard.Live.OverviewPage), null)]
    [InlineData(typeof(BarberPro.Dashboard.Alerts.AlertsPage), null)]
    public void APageNotConvertedYet_IsMarkedEnglish(Type page, string? expected)
    {
        using var culture = CultureScope.Use("es-AR");
        Services.GetRequiredService<ShellPage>().Show(page);

        var layout = RenderLayout();

        Assert.Equal(expected, layout.Find(".bp-page").GetAttribute("lang"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

    private sealed class SystemTheme : IUserPreferencesStore
    {
        public Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(ThemeChoice.System);

        public Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
