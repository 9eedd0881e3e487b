using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Security;

public static class SecurityExtensions
{
    public static WebApplicationBuilder AddDashboardSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().Bind(builder.Configuration.GetSection(SecurityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddOptions<BootstrapOptions>().Bind(builder.Configuration.GetSection(BootstrapOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddDashboardUsers();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IOptions<SecurityOptions>>((cookie, securityOptions) =>
        {
            var security = securityOptions.Value;
            cookie.Cookie.Name = security.RequireHttps ? "__Host-barberpro" : "barberpro";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.Path = "/";
            cookie.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // Lax, deliberately: a link to the dashboard from chat or e-mail arrives signed in; every state change is
            // a POST with an antiforgery token, which Lax never sends cross-site anyway.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = security.IdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = SessionValidation.ValidateAsync,
                OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = async context =>
                {
                    var audit = context.HttpContext.RequestServices.GetRequiredService<SecurityAudit>();
                    await audit.RecordAsync(AuditKinds.Denied, context.HttpContext.User.Identity?.Name,
                        context.Request.Path, context.HttpContext.Connection.RemoteIpAddress?.ToString(), null,
                        context.HttpContext.RequestAborted);
                    await RedirectOrStatus(context, StatusCodes.Status403Forbidden);
                },
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.View, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Viewer)))
            .AddPolicy(Policies.Tick, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Operator)))
            .AddPolicy(Policies.ReadQueries, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Operator)))
            .AddPolicy(Policies.Manage, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Manager)))
            .AddPolicy(Policies.Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            // Every endpoint without its own rule needs a signed-in user with a role; open doors say AllowAnonymous.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().RequireRole(Roles.AtLeast(Roles.Viewer)).Build());

        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<SecurityOptions>>((o, securityOptions) =>
        {
            var security = securityOptions.Value;
            o.Cookie.Name = security.RequireHttps ? "__Host-barberpro-af" : "barberpro-af";
            o.Cookie.SecurePolicy = security.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.AddDataProtection().SetApplicationName("BarberPro.Dashboard");
        services.AddDataProtectionCertificate(builder.Configuration);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o =>
                o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));

        // Every hub of the app re-checks the caller's session and roles on each call (see HubSessionGuard).
        services.AddSingleton<HubSessionGuard>();
        // Every hub invocation that ends in an exception is logged by SignalR at Error with its stack trace, deliberate
        // refusals (HubException) included: during a database outage that was one trace per refused call. The guard
        // logs the real failures instead; refusals of an outage are counted by DatabaseOutage.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);
        services.AddHostedService<HubSessionSweeper>();
        services.AddSignalR(o => o.AddFilter<HubSessionGuard>())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(
                new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // No "Server: Kestrel" banner.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        // Only the proxies named in configuration are believed; their client address is what throttling and the
        // lockout count per client (behind an ingress every request would otherwise come from the ingress).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, securityOptions) =>
        {
            var security = securityOptions.Value;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in security.KnownProxies)
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }
            foreach (var network in security.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    o.KnownIPNetworks.Add(parsed);
                }
            }
        });
        services.AddSingleton<DataProtectionKeyBootstrap>();
        // Circuits: their authentication state follows the server-side session (events through PostgreSQL NOTIFY, the
        // expiry instant, a slow periodic check), and component actions re-check the rules (CircuitAccess).
        services.AddDatabaseEventChannel<CircuitSessionRegistry>();
        services.AddScoped<CircuitAuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(sp => sp.GetRequiredService<CircuitAuthenticationStateProvider>());
        services.AddScoped<CircuitAccess>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<SignInIdentifiers>();
        services.AddScoped<SignInRule>();
        services.AddScoped<BootstrapAdmin>();
        return builder;
    }

    /// <summary>
    /// Users, their passwords and sessions, and their administration (<see cref="Admin.UserAdministration"/>): ASP.NET
    /// Core Identity on <see cref="DashboardDbContext"/> with the password rules, the session store, the lockouts and the
    /// audit. Needs a <see cref="NpgsqlDataSource"/>, the DbContext and a <see cref="TimeProvider"/>; the end-to-end
    /// tests register it alone to act as an Admin on a running dashboard's database.
    /// </summary>
    internal static IServiceCollection AddDashboardUsers(this IServiceCollection services)
    {
        // Settings that depend on SecurityOptions are applied when options are first read, not while registering, so
        // that every configuration source (including a test host's) is seen.
        services.AddIdentity<DashboardUser, IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddOptions<IdentityOptions>().Configure(identity =>
            {
                identity.Password.RequiredLength = PasswordRules.MinimumLength;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                // Lockout is per account and client (SignInLockouts), not Identity's per account, which let anyone
                // lock out anyone.
                identity.Lockout.AllowedForNewUsers = false;
                identity.User.RequireUniqueEmail = true;
                identity.SignIn.RequireConfirmedAccount = false;
            });
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = security.Value.PasswordHashIterations;
        });

        services.AddSingleton<SessionStore>();
        services.AddSingleton<SignInLockouts>();
        services.AddSingleton<SecurityAudit>();
        services.AddScoped<Admin.UserAdministration>();
        services.AddSingleton<Admin.SessionLastSeen>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, Admin.SessionLastSeenCircuitHandler>();
        return services;
    }

    /// <summary>API and hub callers get a status code, people get the sign-in or denied page.</summary>
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/metrics"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
