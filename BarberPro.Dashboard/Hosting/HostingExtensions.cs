using BarberPro.Core.Metrics;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Alerts;
using BarberPro.Dashboard.Bookings;
using BarberPro.Dashboard.Capacity;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Checklists;
using BarberPro.Dashboard.Components;
using BarberPro.Dashboard.Costs;
using BarberPro.Dashboard.Health;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Live;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Persistence;
using BarberPro.Dashboard.Reports;
using BarberPro.Dashboard.Security;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Hosting;

/// <summary>The whole composition of the dashboard: one Add and one Map call per feature.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddBarberProDashboard(this WebApplicationBuilder builder)
    {
        // Singleton clock: every feature reads time through it, so tests can move it.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPrometheusMetrics();
        builder.AddDashboardPersistence();
        builder.AddDashboardSecurity();
        builder.Services.AddDashboardHealthChecks();
        builder.AddLive();
        builder.AddAlerts();
        builder.AddChecklists();
        builder.AddBookings();
        builder.AddCosts();
        builder.AddCapacity();
        builder.AddReports();
        builder.AddIncidents();
        builder.AddChartBands();
        builder.AddBenchmarkEndpoints();
        builder.AddDashboardUi();
        builder.AddDashboardLocalization();
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapBarberProDashboard(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        app.MapDashboardMetrics();
        app.UseForwardedHeaders();
        app.UseHostCheck();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            if (security.RequireHttps)
            {
                app.UseHsts();
            }
            app.UseNoSourceMaps();
        }
        app.UseSecurityHeaders();
        app.UseColorSchemeHint();
        // Routing here: the static assets (MapDashboardUi, short-circuit endpoints) are answered at this point, with the
        // headers above and before authentication, as UseStaticFiles did.
        app.UseRouting();
        app.UseAuthentication();
        app.UseSessionOutageGuard();
        // After authentication: the signed-in user's stored language comes first (then the cookie, then the browser).
        app.UseDashboardLocalization();
        app.UseAuthorization();
        app.UseOriginCheck("/hubs", UiExtensions.CircuitPath);
        // The Blazor circuit's negotiate is a POST without a form; its socket is checked like the hubs'.
        app.UseAntiforgeryOnEveryChange("/hubs", UiExtensions.CircuitPath);
        app.UseAntiforgery();

        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapLive();
        app.MapChecklists();
        app.MapCosts();
        app.MapReports();
        app.MapBenchmarkEndpoints();
        app.MapLanguageEndpoints();
        app.MapDashboardUi();
        return app;
    }
}
