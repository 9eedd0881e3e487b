using System.Security.Claims;
using BarberPro.Core.Security;

namespace BarberPro.Dashboard.Checklists;

/// <summary>What the signed-in user may do on the checklist pages (the endpoints and hub enforce the same policies).</summary>
internal static class ChecklistAccess
{
    public static bool CanTick(ClaimsPrincipal? user) => Roles.IsAtLeast(user, Roles.Operator);

    public static bool CanManage(ClaimsPrincipal? user) => Roles.IsAtLeast(user, Roles.Manager);
}
