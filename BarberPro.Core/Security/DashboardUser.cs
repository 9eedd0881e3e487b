using Microsoft.AspNetCore.Identity;

namespace BarberPro.Core.Security;

public sealed class DashboardUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled user cannot sign in, and every session they hold is refused at its next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
