using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Incidents;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Incidents;

/// <summary>
/// A bUnit context with the incident services as the app registers them (store, summary, recorder, commands,
/// CircuitAccess, the audit) on <paramref name="dataSource"/>: a real migrated database, or a closed port for
/// "nothing may reach the database" tests. Signs in <see cref="IncidentDatabase.Ana"/> with a role.
/// </summary>
public sealed class IncidentComponentContext : BunitContext
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero); // 09:00 ART

    private readonly BunitAuthorizationContext _auth;

    public IncidentComponentContext(NpgsqlDataSource dataSource, AlertInboxStore? inbox = null)
    {
        Services.AddSingleton(dataSource);
        Services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        Services.AddSingleton(inbox ?? new AlertInboxStore());
        Services.AddSingleton(Options.Create(new AlertsOptions()));
        Services.AddLogging();
        Services.AddMudServices();
        Services.AddDashboardStrings();
        Services.AddSingleton<SecurityAudit>();
        Services.AddScoped<CircuitAccess>();
        Services.AddSingleton<IncidentStore>();
        Services.AddSingleton<IncidentSummaryStore>();
        Services.AddSingleton(sp => new IncidentRecorder(sp.GetRequiredService<IncidentStore>(), sp.GetRequiredService<IncidentSummaryStore>(),
            sp.GetRequiredService<AlertInboxStore>(), null, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<AlertsOptions>>(),
            NullLogger<IncidentRecorder>.Instance));
        Services.AddScoped<IncidentCommands>();
        // What the alert inbox needs besides (its one-click "Open an incident"); no Alertmanager is configured.
        Services.AddSingleton(new AlertmanagerClient(new HttpClient(), Options.Create(new AlertmanagerOptions()), NullLogger<AlertmanagerClient>.Instance));
        Services.AddSingleton(Options.Create(new BarberPro.Core.Live.LiveOptions()));
        JSInterop.Mode = JSRuntimeMode.Loose;
        _auth = AddAuthorization();
        _auth.SetAuthorized(IncidentDatabase.Ana);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        Render<MudBlazor.MudPopoverProvider>();
    }

    /// <summary>The policies bUnit's authorization answers as the app's would for <paramref name="role"/>.</summary>
    public void SetRole(string role)
    {
        var atLeastOperator = Roles.AtLeast(Roles.Operator).Contains(role);
        _auth.SetPolicies(atLeastOperator ? [Policies.View, AlertPolicies.Silence, IncidentPolicies.Write] : [Policies.View]);
        _auth.SetRoles(role);
    }
}
