using System.Diagnostics;
using System.Security.Claims;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Admin;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Infrastructure;

/// <summary>
/// A circuit's authentication state as the dashboard keeps it: a <see cref="CircuitAuthenticationStateProvider"/> from
/// its own DI scope (as a circuit has), handed the principal of a real session signed in through the sign-in form,
/// exactly as Blazor hands it the user of the circuit's socket. Disposing it ends the "circuit".
/// </summary>
public sealed class CircuitProbe : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly Lock _lock = new();
    private readonly List<(Func<ClaimsPrincipal, bool> Condition, TaskCompletionSource<ClaimsPrincipal> Done)> _waiters = [];

    private CircuitProbe(AsyncServiceScope scope, ClaimsPrincipal user)
    {
        _scope = scope;
        Provider = scope.ServiceProvider.GetRequiredService<CircuitAuthenticationStateProvider>();
        Access = scope.ServiceProvider.GetRequiredService<CircuitAccess>();
        Provider.AuthenticationStateChanged += OnChanged;
        Provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
    }

    public CircuitAuthenticationStateProvider Provider { get; }

    public CircuitAccess Access { get; }

    public async Task<ClaimsPrincipal> UserAsync() => (await Provider.GetAuthenticationStateAsync()).User;

    /// <summary>The circuit of the newest session of <paramref name="email"/> (signed in just before) on <paramref name="host"/>.</summary>
    public static async Task<CircuitProbe> OpenAsync(DashboardFactory host, string connectionString, string email)
    {
        var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        var roles = await users.GetRolesAsync(user);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, expires_at FROM dashboard.sessions WHERE user_id = $1 AND ended_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = user.Id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"{email} has no open session");
        var identity = new ClaimsIdentity("Identity.Application", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id));
        identity.AddClaim(new Claim(ClaimTypes.Name, email));
        identity.AddClaim(new Claim(SessionValidation.SessionClaim, reader.GetGuid(0).ToString()));
        identity.AddClaim(new Claim(SessionValidation.SessionExpiresClaim,
            reader.GetFieldValue<DateTimeOffset>(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaims(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new CircuitProbe(scope, new ClaimsPrincipal(identity));
    }

    /// <summary>
    /// Runs <paramref name="change"/> and waits (at most 10 s) until the state satisfies <paramref name="condition"/>;
    /// returns the new principal and how long after the change's completion (its commit) it came.
    /// </summary>
    public async Task<(ClaimsPrincipal User, TimeSpan Delay)> AfterAsync(Func<Task> change, Func<ClaimsPrincipal, bool> condition)
    {
        var done = new TaskCompletionSource<ClaimsPrincipal>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }
        await change();
        var clock = Stopwatch.StartNew();
        var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == done.Task, "The circuit's authentication state did not change within 10 s");
        return (await done.Task, clock.Elapsed);
    }

    private void OnChanged(Task<AuthenticationState> task)
    {
        var user = task.Result.User;
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(user)).ToArray())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(user);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Provider.AuthenticationStateChanged -= OnChanged;
        await _scope.DisposeAsync();
    }
}

/// <summary>What an Admin does on /admin/users, through the real form posts (each commits before it answers).</summary>
/// <summary>
/// What an Admin does to another user, through the users page's own service (<see cref="UserAdministration"/>, what
/// the page calls after its Admin check), each answered after its commit.
/// </summary>
public static class AdminActions
{
    /// <summary>The author of the changes in the audit; not one of the users changed.</summary>
    public static readonly UserActor Admin = new("test-admin-id", DashboardFactory.AdminEmail);

    public static Task DisableAsync(DashboardFactory host, string userId) =>
        DoAsync(host, users => users.SetDisabledAsync(Admin, userId, true, CancellationToken.None));

    public static Task SetRoleAsync(DashboardFactory host, string userId, string role) =>
        DoAsync(host, users => users.SetRoleAsync(Admin, userId, role, CancellationToken.None));

    public static Task ResetPasswordAsync(DashboardFactory host, string userId, string password) =>
        DoAsync(host, users => users.ResetPasswordAsync(Admin, userId, password, CancellationToken.None));

    public static Task EndSessionAsync(DashboardFactory host, string userId, Guid sessionId) =>
        DoAsync(host, users => users.EndSessionAsync(Admin, userId, sessionId, CancellationToken.None));

    /// <summary>Runs <paramref name="change"/> in a scope of its own and returns what it came to.</summary>
    public static async Task<UserChangeResult> TryAsync(DashboardFactory host, Func<UserAdministration, Task<UserChangeResult>> change)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<UserAdministration>());
    }

    private static async Task DoAsync(DashboardFactory host, Func<UserAdministration, Task<UserChangeResult>> change)
    {
        var result = await TryAsync(host, change);
        Assert.True(result.Done, result.Message);
    }

    public static async Task<string> UserIdAsync(DashboardFactory host, string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email))!.Id;
    }
}
