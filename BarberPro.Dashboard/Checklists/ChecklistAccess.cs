using System.Security.Claims;
using BarberPro.Core.Security;

namespace BarberPro.Dashboard.Checklists;

/// <summary>What the signed-in user may do on the checklist pages (the endpoints and hub enforce the same policies).</summary>
internal static class ChecklistAccess
{
    public static bool CanTick(ClaimsPrincipal? user) => IsAtLeast(user, Roles.Operator);

    public static bool CanManage(ClaimsPrincipal? user) => IsAtLeast(user, Roles.Manager);

    private static bool IsAtLeast(ClaimsPrincipal? user, string role) =>
        user is not null && Roles.AtLeast(role).Any(user.IsInRole);
}
