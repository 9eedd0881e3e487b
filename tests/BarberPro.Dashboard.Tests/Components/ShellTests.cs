using BarberPro.Core.Security;
using BarberPro.Dashboard.Components.Layout;
using BarberPro.Dashboard.Components.Themes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>
/// The shell in a circuit: a handful of components (its parts are markup), the popover/dialog/snackbar providers only
/// on pages that may use them, and a drawer whose two menu buttons (one per screen width, CSS shows one) each say
/// truly whether it is expanded.
/// </summary>
public sealed class ShellTests : ComponentTestContext
{
    public ShellTests()
    {
        Services.AddSingleton<IUserPreferencesStore>(new NoPreferences());
        SignIn("admin@barberpro.test", Roles.Admin);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The components a live page's circuit holds for the shell: the theme, the status chip, the drawer's links,
    /// and the user menu. No MudBlazor component (each would keep two render trees, and
    /// the drawer a breakpoint listener).</summary>
    [Fact]
    public void OnALivePage_TheShellIsFourComponents_AndNoProvider()
    {
        var layout = RenderLayout(noPopups: true);

        // bUnit's stub of the chip is Stub<LiveStatusChip>: named by what it stands for.
        var types = layout.FindComponents<IComponent>()
            .Select(c => c.Instance.GetType())
            .Select(t => t.IsGenericType ? t.GetGenericArguments()[0].Name : t.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["LiveStatusChip", "NavMenu", "ThemeStyles", "UserMenu"], types);
    }

    [Fact]
    public void OnAnyOtherPage_ThePopoverDialogAndSnackbarProvidersAreThere()
    {
        var layout = RenderLayout(noPopups: false);

        Assert.Single(layout.FindComponents<MudPopoverProvider>());
        Assert.Single(layout.FindComponents<MudDialogProvider>());
        Assert.Single(layout.FindComponents<MudSnackbarProvider>());
    }

    [Fact]
    public void OnAWideScreen_TheMenuButtonHidesAndShowsTheDrawer()
    {
        var layout = RenderLayout(noPopups: true);
        var wide = () => layout.Find(".bp-menu-wide");
        Assert.Equal("true", wide().GetAttribute("aria-expanded"));
        Assert.Equal("bp-drawer", wide().GetAttribute("aria-controls"));

        wide().Click();

        Assert.Equal("false", wide().GetAttribute("aria-expanded"));
        Assert.Contains("bp-drawer-hidden", layout.Find(".mud-layout").ClassList);
        wide().Click();
        Assert.Equal("true", wide().GetAttribute("aria-expanded"));
        Assert.DoesNotContain("bp-drawer-hidden", layout.Find(".mud-layout").ClassList);
    }

    /// <summary>On a phone the drawer opens over the page; a tap on the page beside it, or going to another page,
    /// closes it. No breakpoint is read, so a tap never waits for one.</summary>
    [Fact]
    public void OnAPhone_TheMenuButtonOpensTheDrawer_AndTheBackdropOrANewPageClosesIt()
    {
        var layout = RenderLayout(noPopups: true);
        var narrow = () => layout.Find(".bp-menu-narrow");
        Assert.Equal("false", narrow().GetAttribute("aria-expanded"));
        Assert.Empty(layout.FindAll(".bp-drawer-backdrop"));

        narrow().Click();
        Assert.Equal("true", narrow().GetAttribute("aria-expanded"));
        Assert.Contains("bp-drawer-shown", layout.Find(".mud-layout").ClassList);
        layout.Find(".bp-drawer-backdrop").Click();
        Assert.Equal("false", narrow().GetAttribute("aria-expanded"));
        Assert.Empty(layout.FindAll(".bp-drawer-backdrop"));

        narrow().Click();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/alerts");
        layout.Render(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "alerts page"))));
        Assert.Equal("false", narrow().GetAttribute("aria-expanded"));
        Assert.DoesNotContain("bp-drawer-shown", layout.Find(".mud-layout").ClassList);
        Assert.Equal("/alerts", layout.Find("[data-testid=nav-menu] a[aria-current=page]").GetAttribute("href"));
    }

    private IRenderedComponent<MainLayout> RenderLayout(bool noPopups)
    {
        // What Routes.razor does as it renders a page.
        Services.GetRequiredService<ShellPage>().Show(noPopups ? typeof(BarberPro.Dashboard.Live.OverviewPage) : typeof(BarberPro.Dashboard.Alerts.AlertsPage));
        return Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
    }

    [Fact]
    public void OnlyPagesMarkedNoPopups_LeaveTheProvidersOut()
    {
        var page = new ShellPage();

        page.Show(typeof(BarberPro.Dashboard.Live.OverviewPage));
        Assert.True(page.NoPopups);
        page.Show(typeof(BarberPro.Dashboard.Live.WallPage));
        Assert.False(page.NoPopups);
        page.Show(typeof(BarberPro.Dashboard.Reports.ReportsPage));
        Assert.False(page.NoPopups);
    }

    private sealed class NoPreferences : IUserPreferencesStore
    {
        public Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(ThemeChoice.System);

        public Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
