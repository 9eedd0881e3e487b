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
    private bool _drawerOpen = true;

    private DrawerVariant _drawerVariant = DrawerVariant.Responsive;

    // Completed once the layout knows the browser's breakpoint and has put the drawer in its state for it. A tap on the
    // menu button before that waits for it: toggling the not-yet-corrected state would be undone by the correction.
    private readonly TaskCompletionSource _drawerSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long a tap waits for the browser's breakpoint before it toggles anyway.</summary>
    internal static readonly TimeSpan DrawerSettleTimeout = TimeSpan.FromSeconds(5);

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Only while rendering statically (a static page, or the prerender of an interactive one).</summary>
    [CascadingParameter] private HttpContext? HttpContext { get; set; }

    [Inject] private IUserPreferencesStore Preferences { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IBrowserViewportService Viewport { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ILogger<MainLayout> Logger { get; set; } = default!;


    private string LayoutClass => RendererInfo.IsInteractive ? "bp-shell" : "bp-shell bp-no-circuit";

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
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || _themeProvider is null)
        {
            return;
        }
        await SettleDrawerAsync();
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

    /// <summary>
    /// Phones and narrow windows start with the drawer closed (the prerender hid it with MudBlazor's CSS) and make it a
    /// temporary drawer, which opens over the page and no longer follows the breakpoint by itself: the responsive
    /// drawer's own first breakpoint check, which may land after a tap, would otherwise close a drawer the user opened.
    /// </summary>
    private async Task SettleDrawerAsync()
    {
        try
        {
            if (await Viewport.GetCurrentBreakpointAsync() < Breakpoint.Md)
            {
                _drawerOpen = false;
                _drawerVariant = DrawerVariant.Temporary;
                StateHasChanged();
            }
        }
        finally
        {
            _drawerSettled.TrySetResult();
        }
    }

    private async Task ToggleDrawerAsync()
    {
        if (!_drawerSettled.Task.IsCompleted)
        {
            try
            {
                await _drawerSettled.Task.WaitAsync(DrawerSettleTimeout, Clock);
            }
            catch (TimeoutException)
            {
                // The browser never reported its size: toggle what the circuit has.
            }
        }
        _drawerOpen = !_drawerOpen;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The user's theme could not be read; the page uses the device's preference.")]
        public static partial void ThemeNotRead(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "The user's theme choice could not be saved.")]
        public static partial void ThemeNotSaved(ILogger logger, Exception exception);
    }
}
