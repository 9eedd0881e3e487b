using Microsoft.AspNetCore.Antiforgery;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Refuses every state-changing request (any method but GET, HEAD, OPTIONS, TRACE) that carries no valid antiforgery
/// token, before its endpoint runs. ASP.NET Core's own check only runs for endpoints that bind a form, so a handler that
/// binds nothing (disable a user, sign out) was open to a forged same-site form: SameSite=Lax does not stop a page on
/// another port of the same host. Checking here, for every endpoint whatever it binds, also covers endpoints added
/// later and the form posts of components. The hubs and the Blazor circuit (<c>/_blazor</c>) are left out: a socket's
/// handshake is a GET checked by <see cref="SecurityHeaders.UseOriginCheck"/>, its negotiate POST carries no form, and
/// hub calls and component events travel inside the socket.
/// </summary>
public static class AntiforgeryGuard
{
    public const string RefusedMessage =
        "This form was refused because it did not come from a page of the dashboard (its security token is missing or expired). Nothing was changed. Reload the page and try again.";

    /// <summary>Runs after authentication (the token is bound to the signed-in user) and authorization.</summary>
    public static IApplicationBuilder UseAntiforgeryOnEveryChange(this IApplicationBuilder app, params string[] socketPathPrefixes) =>
        app.Use(async (context, next) =>
        {
            if (NeedsToken(context.Request, socketPathPrefixes) && !await IsValidAsync(context))
            {
                var audit = context.RequestServices.GetRequiredService<SecurityAudit>();
                await audit.RecordAsync(AuditKinds.Denied, context.User.Identity?.Name, context.Request.Path,
                    context.Connection.RemoteIpAddress?.ToString(), "no valid antiforgery token", context.RequestAborted);
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsync(RefusedMessage, context.RequestAborted);
                return;
            }
            await next(context);
        });

    private static async Task<bool> IsValidAsync(HttpContext context)
    {
        try
        {
            return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            // A body that is not a readable form (malformed multipart, over the size limit) carries no token either.
            return false;
        }
    }

    internal static bool NeedsToken(HttpRequest request, params string[] socketPathPrefixes) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method))
        && !socketPathPrefixes.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
