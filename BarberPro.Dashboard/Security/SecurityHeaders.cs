using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>Response headers every page carries, and the Origin check of the live socket's handshake.</summary>
internal static class SecurityHeaders
{
    // No inline script but one: every script is a file served by the app; the only inline element is the page's import
    // map (<ImportMap/>, JSON that maps module URLs to their fingerprinted names, not code), allowed by a nonce drawn
    // per response. Styles allow 'unsafe-inline' only for the style attributes ApexCharts writes on the SVG it draws;
    // no script can run from a style attribute.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    private static readonly object s_nonceKey = new();

    /// <summary>The nonce of this response's Content-Security-Policy, for the page's import map.</summary>
    public static string ScriptNonce(HttpContext context) =>
        context.Items[s_nonceKey] as string ?? throw new InvalidOperationException("UseSecurityHeaders did not run.");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Anything answered to a signed-in user (pages, JSON, CSV) stays out of every cache; static assets are
            // answered before authentication (short-circuit endpoints), so they keep their own caching.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                if (http.User.Identity?.IsAuthenticated == true)
                {
                    http.Response.Headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            }, context);
            var headers = context.Response.Headers;
            // Hex: nothing in it that HTML encoding of the attribute would change.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[s_nonceKey] = nonce;
            headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, ContentSecurityPolicy, nonce);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });

    /// <summary>
    /// Answers 400 to a request whose Host is not one of <see cref="SecurityOptions.AllowedHosts"/>, so that a forged
    /// Host never reaches a redirect or a link. Probes and the metrics scrape are exempt (they address the pod itself).
    /// </summary>
    public static IApplicationBuilder UseHostCheck(this IApplicationBuilder app)
    {
        var allowed = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedHosts
            .Select(h => new Microsoft.Extensions.Primitives.StringSegment(h)).ToList();
        if (allowed.Any(h => h.Equals("*", StringComparison.Ordinal)))
        {
            return app;
        }
        return app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/health") || path.StartsWithSegments("/ready") || path.StartsWithSegments("/metrics")
                || HostString.MatchesAny(context.Request.Host.Host, allowed))
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("Unknown host.", context.RequestAborted);
        });
    }

    /// <summary>Outside Development, the bundle's source map is not served (it is built for local debugging only).</summary>
    public static IApplicationBuilder UseNoSourceMaps(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value?.EndsWith(".map", StringComparison.OrdinalIgnoreCase) == true)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });

    /// <summary>
    /// Browsers send Origin on a WebSocket handshake but do not apply CORS to it, so a foreign page could otherwise
    /// open the socket with the user's cookie. Requests under any of <paramref name="pathPrefixes"/> (the hubs, and
    /// <c>/_blazor</c>: a circuit's negotiate and socket) whose Origin is not allowed get 403.
    /// </summary>
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app, params string[] pathPrefixes) =>
        app.Use(async (context, next) =>
        {
            if (Array.Exists(pathPrefixes, p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
                && !IsAllowedOrigin(context))
            {
                var audit = context.RequestServices.GetRequiredService<SecurityAudit>();
                await audit.RecordAsync(AuditKinds.Denied, context.User.Identity?.Name, context.Request.Path,
                    context.Connection.RemoteIpAddress?.ToString(), $"foreign origin {context.Request.Headers.Origin}",
                    context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        });

    internal static bool IsAllowedOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            // Not a browser (browsers always send Origin on WebSocket and cross-site requests): the cookie still has
            // to be valid, which authorization checks next.
            return true;
        }
        var allowed = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins;
        if (allowed.Length > 0)
        {
            return allowed.Contains(origin, StringComparer.OrdinalIgnoreCase);
        }
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase);
    }
}
