using BarberPro.Dashboard.Components.Themes;
using MudBlazor.Services;

namespace BarberPro.Dashboard.Components;

/// <summary>
/// How the UI is served: Razor components, interactive on the server (Blazor Server) page by page, MudBlazor, and the
/// static assets. The circuit options below are chosen on purpose; README "How the UI is served" says the same.
/// </summary>
public static class UiExtensions
{
    /// <summary>The Blazor circuit's hub (negotiate, then the WebSocket).</summary>
    public const string CircuitPath = "/_blazor";

    /// <summary>The client hint that tells the browser's light/dark preference (Chromium sends it once asked).</summary>
    public const string ColorSchemeHint = "Sec-CH-Prefers-Color-Scheme";

    public static WebApplicationBuilder AddDashboardUi(this WebApplicationBuilder builder)
    {
        // The scripts (run.sh, the test hosts, the end-to-end DashboardServer) run the build output outside Development,
        // where the static-web-assets manifest (which points _framework/blazor.web.js and _content/* into the NuGet
        // cache) is not read by default. Reading it is harmless for published output, which has no manifest.
        builder.WebHost.UseStaticWebAssets();
        // MapStaticAssets treats a build's manifest as a developer's: every asset "no-cache", no integrity, and a
        // catch-all endpoint for files added since. Outside Development the build output is served as published output
        // is (the tests and run.sh then see what production sees); Development keeps the edit-and-reload behaviour.
        if (!builder.Environment.IsDevelopment())
        {
            builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";
        }

        var development = builder.Environment.IsDevelopment();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(circuit =>
            {
                // Stack traces reach the browser only in Development.
                circuit.DetailedErrors = development;
                // A closed laptop lid or a Wi-Fi change keeps its circuit (and its page state) this long; the page then
                // reloads into a fresh circuit, which costs nothing here (every page is rebuilt from the snapshot).
                circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                // Bounds the memory of disconnected circuits: a circuit of the overview holds one snapshot's render
                // tree (a few hundred KB). 200 × that stays under 100 MB; older ones are dropped first.
                circuit.DisconnectedCircuitMaxRetained = 200;
                // A browser that stops acknowledging render batches (a frozen tab, a throttled TV) gets at most this
                // many queued before the server stops rendering for it; snapshots every 5 s make 10 about 50 s.
                circuit.MaxBufferedUnacknowledgedRenderBatches = 10;
                // JS calls (charts drawing, theme detection) answer in milliseconds; 30 s frees a circuit whose browser
                // is gone sooner than the default minute.
                circuit.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            })
            .AddHubOptions(hub =>
            {
                // Browsers send only UI events and small form values over the circuit: 32 KB (SignalR's default,
                // stated) refuses anything larger.
                hub.MaximumReceiveMessageSize = 32 * 1024;
            });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.AddUserPreferencesStore();
        builder.Services.AddSingleton<IUserPreferencesStore>(services => services.GetRequiredService<UserPreferencesStore>());
        builder.Services.AddScoped<Layout.ShellPage>();
        return builder;
    }

    /// <summary>
    /// Asks the browser for its light/dark preference on the next requests (Accept-CH), so that a page is rendered in
    /// the user's theme before any script runs (no flash of the wrong theme on Chromium).
    /// </summary>
    public static IApplicationBuilder UseColorSchemeHint(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.Headers["Accept-CH"] = ColorSchemeHint;
            return next(context);
        });

    public static WebApplication MapDashboardUi(this WebApplication app)
    {
        // Every file of wwwroot, the scoped CSS bundle, MudBlazor's _content and _framework/blazor.web.js, from the
        // build's manifest: fingerprinted names (served "immutable" for a year), gzip and Brotli made at build (publish)
        // time, ETags. Assets are public (the sign-in page needs its CSS) and skip authentication and the fallback
        // policy: answered right after routing, like UseStaticFiles before.
        app.MapStaticAssets().AllowAnonymous().ShortCircuit();
        app.MapThemeEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
