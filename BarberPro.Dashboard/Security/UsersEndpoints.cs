using System.Security.Claims;
using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// User administration for Admins: add users, set a role, disable or enable, reset a password. Form posts with
/// antiforgery (PRG back to the page with a result code); every change is audited and ends sessions where it must.
/// </summary>
public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/admin/users").RequireAuthorization(Policies.Administer);
        users.MapPost("/new", CreateAsync).WithName("CreateUser");
        users.MapPost("/{id}/role", SetRoleAsync).WithName("SetUserRole");
        users.MapPost("/{id}/disable", (string id, HttpContext http, UserManager<DashboardUser> m, SessionStore s, SecurityAudit a, CancellationToken ct)
            => SetDisabledAsync(id, true, http, m, s, a, ct)).WithName("DisableUser");
        users.MapPost("/{id}/enable", (string id, HttpContext http, UserManager<DashboardUser> m, SessionStore s, SecurityAudit a, CancellationToken ct)
            => SetDisabledAsync(id, false, http, m, s, a, ct)).WithName("EnableUser");
        users.MapPost("/{id}/password", ResetPasswordAsync).WithName("ResetUserPassword");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync([FromForm] NewUserForm? form, HttpContext http,
        UserManager<DashboardUser> users, SecurityAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        // A post that carries only its token binds no form at all.
        form ??= new NewUserForm();
        var email = (form.Email ?? "").Trim();
        var name = (form.DisplayName ?? "").Trim();
        var role = form.Role ?? "";
        if (email.Length is 0 or > 256 || !email.Contains('@', StringComparison.Ordinal) || name.Length > 100
            || !Roles.IsKnown(role) || (form.Password ?? "").Length > PasswordRules.MaximumLength)
        {
            return Back("invalid");
        }
        var user = new DashboardUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name.Length == 0 ? email : name,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, form.Password ?? "");
        if (!created.Succeeded)
        {
            return Back(created.Errors.Any(e => e.Code == CommonPasswordValidator.ErrorCode) ? "common-password"
                : created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "weak-password"
                : created.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal)) ? "exists" : "invalid");
        }
        await users.AddToRoleAsync(user, role);
        await audit.RecordAsync(AuditKinds.UserCreated, Actor(http), email, Ip(http), $"role {role}", cancellationToken);
        return Back("created");
    }

    private static async Task<IResult> SetRoleAsync(string id, [FromForm] RoleForm? form, HttpContext http,
        UserManager<DashboardUser> users, DashboardDbContext db, SecurityAudit audit, CancellationToken cancellationToken)
    {
        form ??= new RoleForm();
        var user = await users.FindByIdAsync(id);
        if (user is null || !Roles.IsKnown(form.Role ?? ""))
        {
            return Back("invalid");
        }
        if (user.Id == http.User.FindFirstValue(ClaimTypes.NameIdentifier) && form.Role != Roles.Admin)
        {
            return Back("self");
        }
        // One transaction: the user is never seen without a role in between, and the session event (NOTIFY from the
        // user_roles trigger) is sent once, at the commit, with the new role already in place.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, before);
        await users.AddToRoleAsync(user, form.Role!);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditKinds.RolesChanged, Actor(http), user.Email, Ip(http),
            $"{string.Join(",", before)} -> {form.Role}", cancellationToken);
        return Back("role-set");
    }

    private static async Task<IResult> SetDisabledAsync(string id, bool disabled, HttpContext http,
        UserManager<DashboardUser> users, SessionStore sessions, SecurityAudit audit, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Back("invalid");
        }
        if (user.Id == http.User.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return Back("self");
        }
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        if (disabled)
        {
            await sessions.EndAllForUserAsync(user.Id, "disabled", cancellationToken);
        }
        await audit.RecordAsync(disabled ? AuditKinds.UserDisabled : AuditKinds.UserEnabled, Actor(http), user.Email,
            Ip(http), null, cancellationToken);
        return Back(disabled ? "disabled" : "enabled");
    }

    private static async Task<IResult> ResetPasswordAsync(string id, [FromForm] PasswordForm? form, HttpContext http,
        UserManager<DashboardUser> users, SessionStore sessions, SignInLockouts lockouts, SecurityAudit audit,
        CancellationToken cancellationToken)
    {
        form ??= new PasswordForm();
        var user = await users.FindByIdAsync(id);
        var password = form.Password ?? "";
        if (user is null || password.Length > PasswordRules.MaximumLength)
        {
            return Back("invalid");
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return Back(result.Errors.Any(e => e.Code == CommonPasswordValidator.ErrorCode) ? "common-password" : "weak-password");
        }
        await lockouts.ClearAccountAsync(SignInLockouts.AccountKey(user.Id), cancellationToken);
        await sessions.EndAllForUserAsync(user.Id, "password reset", cancellationToken);
        await audit.RecordAsync(AuditKinds.PasswordReset, Actor(http), user.Email, Ip(http), null, cancellationToken);
        return Back("password-reset");
    }

    private static IResult Back(string result) => TypedResults.LocalRedirect($"/admin/users?result={result}");

    private static string? Actor(HttpContext http) => http.User.Identity?.Name;

    private static string? Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}

public sealed class NewUserForm
{
    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public string? Password { get; set; }
}

public sealed class RoleForm
{
    public string? Role { get; set; }
}

public sealed class PasswordForm
{
    public string? Password { get; set; }
}
