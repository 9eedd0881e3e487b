using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Checks every cookie against <see cref="SessionStore"/>: an ended session is refused, and a role change made by an
/// Admin reaches the user's next request (the cookie is re-issued with the new roles).
/// </summary>
internal static class SessionValidation
{
    public const string SessionClaim = "barberpro:sid";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
        var principal = context.Principal;
        var sid = principal?.FindFirstValue(SessionClaim);
        SessionState? state = null;
        if (Guid.TryParse(sid, out var sessionId))
        {
            state = await store.CheckAsync(sessionId, context.HttpContext.RequestAborted);
        }
        if (state is null || principal is null
            || state.UserId != principal.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var current = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!current.SequenceEqual(state.Roles.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            context.ReplacePrincipal(state.WithCurrentRoles(principal));
            context.ShouldRenew = true;
        }
    }
}
