using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Admin;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What an Admin does to another user, through the users page's own service (<see cref="UserAdministration"/>, what the
/// page calls after its Admin check) on this server's database: each change commits there, and its session event
/// (PostgreSQL NOTIFY) reaches the running dashboard as the page's own would.
/// </summary>
public sealed partial class DashboardServer
{
    private static readonly UserActor s_admin = new("e2e-admin", AdminEmail);
    private ServiceProvider? _adminServices;

    /// <summary>Adds a user with <paramref name="role"/> as an Admin would.</summary>
    public async Task<(string Email, string Password)> CreateUserAsync(string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@e2e.local";
        var password = "pw-" + Guid.NewGuid().ToString("N");
        await AdminAsync($"create the {role}", users => users.CreateAsync(s_admin, email, $"{role} {email[..6]}", role, password, CancellationToken.None));
        return (email, password);
    }

    /// <summary>Changes <paramref name="email"/>'s role to <paramref name="role"/> as an Admin would.</summary>
    public async Task ChangeRoleAsAdminAsync(string email, string role)
    {
        var id = await UserIdAsync(email);
        await AdminAsync($"role change of {email}", users => users.SetRoleAsync(s_admin, id, role, CancellationToken.None));
    }

    /// <summary>Disables <paramref name="email"/> as an Admin would: every session of theirs ends.</summary>
    public async Task DisableAsAdminAsync(string email)
    {
        var id = await UserIdAsync(email);
        await AdminAsync($"disable of {email}", users => users.SetDisabledAsync(s_admin, id, true, CancellationToken.None));
    }

    /// <summary>Sets a new password for <paramref name="email"/> as an Admin would: every session of theirs ends.</summary>
    public async Task ResetPasswordAsAdminAsync(string email, string password)
    {
        var id = await UserIdAsync(email);
        await AdminAsync($"password reset of {email}", users => users.ResetPasswordAsync(s_admin, id, password, CancellationToken.None));
    }

    private async Task AdminAsync(string what, Func<UserAdministration, Task<UserChangeResult>> change)
    {
        _adminServices ??= AdminServices(ConnectionString);
        await using var scope = _adminServices.CreateAsyncScope();
        var result = await change(scope.ServiceProvider.GetRequiredService<UserAdministration>());
        if (!result.Done)
        {
            throw new InvalidOperationException($"Admin {what} failed: {result.Outcome}: {result.Message}");
        }
    }

    /// <summary>The dashboard's user services alone, on <paramref name="connectionString"/>.</summary>
    private static ServiceProvider AdminServices(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddDbContext<DashboardDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        // Password-reset tokens are made and used within one call here; nothing needs the dashboard's keys.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddOptions<SecurityOptions>();
        services.AddDashboardUsers();
        return services.BuildServiceProvider();
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Id" FROM dashboard.users WHERE "Email" = $1""", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync() as string ?? throw new InvalidOperationException($"No user {email}.");
    }
}
