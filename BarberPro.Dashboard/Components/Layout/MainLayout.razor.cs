using System.Security.Claims;
using BarberPro.Dashboard.Components.Themes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Npgsql;

namespace BarberPro.Dashboard.Components.Layout;

/// <summary>
/// The app's shell: MudBlazor app bar (product name, live status chip, user menu), drawer with the pages the user's
/// role opens, and the page. Interactive pages render it in their circuit; issue 10's static pages render it statically,
/// where the menu button, the user menu and sign-out are plain HTML (no circuit needed) and the status chip is an
/// interactive island. The theme is the user's stored choice (<see cref="UserPreferencesStore"/>), "same as the
/// device" by default: the browser's light/dark preference from its client hint, then, in a circuit, from the browser.
/// </summary>
public sealed partial class MainLayout
{
    private ThemeStyles? _themeProvider;
    private ClaimsPrincipal? _user;
    private ShellState _state = new(ThemeChoice.System, BrowserPrefersDark: false);
    private MudTheme _theme = DashboardThemes.Light;
    private bool _dark;

    // The drawer's two states, one per screen width (MainLayout.razor.css applies the one that fits the screen): on a
    // wide screen it is shown unless hidden with the menu button; on a phone it is hidden unless opened with it. Neither
    // needs to know the browser's width, so a tap never waits for it and nothing listens to resizes.
    private bool _hiddenOnWide;
    private bool _openOnPhone;
    private string _path = "/";

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Only while rendering statically (a static page, or the prerender of an interactive one).</summary>
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Inject] private IUserPreferencesStore Preferences { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<MainLayout> Logger { get; set; } = default!;


    [Inject] private ShellPage Page { get; set; } = default!;

    /// <summary>Whether the page shown uses no MudBlazor popover, dialog or snackbar (<see cref="NoPopupsAttribute"/>,
    /// from Routes.razor): the layout then renders none of their providers.</summary>
    private bool NoPopups => Page.NoPopups;

    private static readonly MarkupString MenuIcon = ShellIcon.Svg(Icons.Material.Filled.Menu);

    private string LayoutClass => "mud-layout bp-shell"
        + (RendererInfo.IsInteractive ? "" : " bp-no-circuit")
        + (_hiddenOnWide ? " bp-drawer-hidden" : "")
        + (_openOnPhone ? " bp-drawer-shown" : "");

    private string ReturnUrl => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    protected override async Task OnInitializedAsync()
    {
        _user = AuthenticationState is null ? null : (await AuthenticationState).User;
        // The prerender and the circuit each read the stored choice (one row by key). [PersistentState] would carry it
        // across, but it stopped the layout's first interactive render here, so it is not used.
        Apply(new ShellState(await LoadThemeAsync(), BrowserHintPrefersDark(HttpContext)));
    }

    /// <summary>The circuit's authentication state cascades anew when the session events change it (a demotion, a
    /// promotion): the drawer's links and the user menu follow without a reload.</summary>
    protected override async Task OnParametersSetAsync()
    {
        _user = AuthenticationState is null ? null : (await AuthenticationState).User;
        // A new page (the router gives the layout a new body): a drawer opened over the page on a phone closes.
        var path = CurrentPath();
        if (path != _path)
        {
            _path = path;
            _openOnPhone = false;
        }
    }

    private string CurrentPath()
    {
        var relative = Navigation.ToBaseRelativePath(Navigation.Uri);
        var end = relative.IndexOfAny(['?', '#']);
        return "/" + (end < 0 ? relative : relative[..end]);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || _themeProvider is null)
        {
            return;
        }
        // The client hint is Chromium's only, and absent on a first visit: ask the browser, and follow it when it changes.
        var prefersDark = await _themeProvider.GetSystemDarkModeAsync();
        await _themeProvider.WatchSystemDarkModeAsync(BrowserPreferenceChangedAsync);
        await BrowserPreferenceChangedAsync(prefersDark);
    }

    /// <summary>Reads Sec-CH-Prefers-Color-Scheme, which Chromium sends once the dashboard asked for it (Accept-CH).</summary>
    internal static bool BrowserHintPrefersDark(HttpContext? http) =>
        http?.Request.Headers[UiExtensions.ColorSchemeHint].ToString().Trim('"') is "dark";

    private async Task BrowserPreferenceChangedAsync(bool prefersDark)
    {
        if (_state.BrowserPrefersDark == prefersDark)
        {
            return;
        }
        Apply(_state with { BrowserPrefersDark = prefersDark });
        await InvokeAsync(StateHasChanged);
    }

    private async Task ChooseThemeAsync(ThemeChoice theme)
    {
        if (UserId is not { } userId)
        {
            return;
        }
        Apply(_state with { Theme = theme });
        try
        {
            await Preferences.SetThemeAsync(userId, theme, CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // The page keeps the choice for now; the next page load shows what is stored.
            Log.ThemeNotSaved(Logger, ex);
        }
    }

    private async Task<ThemeChoice> LoadThemeAsync()
    {
        if (UserId is not { } userId)
        {
            return ThemeChoice.System;
        }
        try
        {
            return await Preferences.GetThemeAsync(userId, HttpContext?.RequestAborted ?? CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            // The database is down: the page still renders, in the device's theme.
            Log.ThemeNotRead(Logger, ex);
            return ThemeChoice.System;
        }
    }

    private string? UserId => _user?.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? id : null;

    private void Apply(ShellState state)
    {
        _state = state;
        _dark = state.IsDark;
        _theme = DashboardThemes.For(_dark);
    }

    private void ToggleOnWide() => _hiddenOnWide = !_hiddenOnWide;

    private void ToggleOnPhone() => _openOnPhone = !_openOnPhone;

    private void CloseOnPhone() => _openOnPhone = false;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The user's theme could not be read; the page uses the device's preference.")]
        public static partial void ThemeNotRead(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "The user's theme choice could not be saved.")]
        public static partial void ThemeNotSaved(ILogger logger, Exception exception);
    }
}
