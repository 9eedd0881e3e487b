using BarberPro.Core.Security;
using BarberPro.Dashboard.Components.Layout;
using BarberPro.Dashboard.Components.Themes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>The theme picked in the user menu is stored for the user and is what the next page renders in.</summary>
public sealed class ThemePreferenceTests : ComponentTestContext
{
    private readonly FakePreferences _store = new();

    public ThemePreferenceTests()
    {
        Services.AddSingleton<IUserPreferencesStore>(_store);
        SignIn("viewer@barberpro.test", Roles.Viewer, userId: "viewer-1");
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void ChoosingDark_IsStoredForTheUser_AndThePageTurnsDark()
    {
        var layout = RenderLayout();
        Assert.Equal("light", layout.Find(".mud-layout").GetAttribute("data-theme"));

        // The browser opens the menu (a <details>); the choice is the circuit's.
        layout.Find("[data-theme-choice=dark]").Click();

        layout.WaitForAssertion(() => Assert.Equal("dark", layout.Find(".mud-layout").GetAttribute("data-theme")));
        Assert.Equal(ThemeChoice.Dark, Assert.Single(_store.Stored, p => p.Key == "viewer-1").Value);
    }

    /// <summary>axe's nested-interactive: the menu's summary is its one button; nothing interactive may sit inside it.</summary>
    [Fact]
    public void TheUserMenusActivator_IsOneButton_WithNothingInteractiveInsideIt()
    {
        var layout = RenderLayout();

        var activator = layout.Find("[data-testid=user-menu] > summary");
        Assert.Equal("user-menu-button", activator.GetAttribute("data-testid"));
        Assert.Equal("viewer@barberpro.test", activator.QuerySelector("[data-testid=signed-in-as]")?.TextContent);
        Assert.Empty(activator.QuerySelectorAll("button, a, input, [tabindex], [role=button], [role=menuitem]"));
    }

    /// <summary>In a circuit the theme choices are buttons handled by the circuit (no form post, no reload), each saying
    /// whether it is the current choice.</summary>
    [Fact]
    public void InACircuit_TheThemeChoicesAreButtons_AndTheCurrentOneIsPressed()
    {
        var layout = RenderLayout();

        var choices = layout.FindAll("[data-testid=user-menu] [data-theme-choice]");
        Assert.Equal(["system", "light", "dark"], choices.Select(c => c.GetAttribute("data-theme-choice")));
        Assert.All(choices, c => Assert.Equal("button", c.GetAttribute("type")));
        Assert.Equal(["true", "false", "false"], choices.Select(c => c.GetAttribute("aria-pressed")));
        Assert.Empty(layout.FindAll("[data-testid=user-menu] form[action='/preferences/theme']"));
    }

    [Theory]
    [InlineData(ThemeChoice.Dark, false, "dark")]
    [InlineData(ThemeChoice.Light, true, "light")]
    [InlineData(ThemeChoice.System, true, "dark")]
    [InlineData(ThemeChoice.System, false, "light")]
    public void TheStoredChoice_IsWhatTheNextPageRendersIn(ThemeChoice stored, bool browserPrefersDark, string expected)
    {
        JSInterop.Setup<bool>("mudThemeProvider.isDarkMode", _ => true).SetResult(browserPrefersDark);
        _store.Stored["viewer-1"] = stored;

        var layout = RenderLayout();

        layout.WaitForAssertion(() => Assert.Equal(expected, layout.Find(".mud-layout").GetAttribute("data-theme")));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

    private sealed class FakePreferences : IUserPreferencesStore
    {
        public Dictionary<string, ThemeChoice> Stored { get; } = [];

        public Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken) =>
            Task.FromResult(Stored.GetValueOrDefault(userId, ThemeChoice.System));

        public Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken)
        {
            Stored[userId] = theme;
            return Task.CompletedTask;
        }
    }
}
