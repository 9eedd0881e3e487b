using BarberPro.Core.Alerts;
using BarberPro.Core.Security;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Alerts;

/// <summary>The alert inbox (issue 12): the Alertmanager client, the history reader (one per process), the inbox store and the silence policy.</summary>
public static class AlertsExtensions
{
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddAlertmanagerClient(builder.Configuration.GetSection(AlertmanagerOptions.SectionName));
        builder.Services.AddOptions<AlertsOptions>().Bind(builder.Configuration.GetSection(AlertsOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AlertsOptions>, ValidateAlertsOptions>();
        builder.Services.AddSingleton<AlertHistoryStore>();
        builder.Services.AddSingleton<AlertInboxStore>();
        builder.Services.AddHostedService<AlertReader>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AlertPolicies.Silence, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Operator)));
        return builder;
    }
}
