using Microsoft.AspNetCore.Antiforgery;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Refuses every state-changing request (any method but GET, HEAD, OPTIONS, TRACE) that carries no valid antiforgery
/// token, before its endpoint runs. ASP.NET Core's own check only runs for endpoints that bind a form, so a handler that
/// binds nothing (disable a user, sign out) was open to a forged same-site form: SameSite=Lax does not stop a page on
/// another port of the same host. Checking here, for every endpoint whatever it binds, also covers endpoints added
/// later and the form posts of components. The hubs are left out: the live socket's handshake is a GET checked by
/// <see cref="SecurityHeaders.UseOriginCheck"/>, and hub calls travel inside the socket.
/// </summary>
public static class AntiforgeryGuard
{
    public const string RefusedMessage =
        "This form was refused because it did not come from a page of the dashboard (its security token is missing or expired). Nothing was changed. Reload the page and try again.";

    /// <summary>Runs after authentication (the token is bound to the signed-in user) and authorization.</summary>
    public static IApplicationBuilder UseAntiforgeryOnEveryChange(this IApplicationBuilder app, string hubPathPrefix) =>
        app.Use(async (context, next) =>
        {
            if (NeedsToken(context.Request, hubPathPrefix) && !await IsValidAsync(context))
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

    internal static bool NeedsToken(HttpRequest request, string hubPathPrefix) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method))
        && !request.Path.StartsWithSegments(hubPathPrefix, StringComparison.OrdinalIgnoreCase);
}
