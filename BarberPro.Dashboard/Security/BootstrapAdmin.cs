using BarberPro.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Creates the four roles, and the first Admin from configuration while no user exists. There is no default
/// password anywhere: without <c>Bootstrap:AdminEmail</c>/<c>AdminPasswordFile</c> nobody can sign in, and the log says so.
/// The password file is read only here, only while no user exists.
/// Scoped (it uses the scoped UserManager).
/// </summary>
internal sealed partial class BootstrapAdmin(
    UserManager<DashboardUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<BootstrapOptions> options,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }
        var email = options.Value.AdminEmail;
        var password = !string.IsNullOrWhiteSpace(email) && options.Value.AdminPasswordFile is { Length: > 0 } file
            ? (await File.ReadAllTextAsync(file, cancellationToken)).Trim()
            : options.Value.AdminPassword;
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            LogNoAdmin();
            return;
        }

        var admin = new DashboardUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = time.GetUtcNow(),
        };
        ThrowIfFailed(await users.CreateAsync(admin, password), "create the first Admin");
        ThrowIfFailed(await users.AddToRoleAsync(admin, Roles.Admin), "make the first user Admin");
        LogAdminCreated(email);
    }

    private static void ThrowIfFailed(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The dashboard has no user and no Bootstrap:AdminEmail/Bootstrap:AdminPasswordFile: nobody can sign in until they are set")]
    private partial void LogNoAdmin();

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first Admin {Email} from configuration")]
    private partial void LogAdminCreated(string email);
}
