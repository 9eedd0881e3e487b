using System.Net;
using System.Security.Claims;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Admin;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// An open circuit's authentication state follows the server-side session: every change that ends a session or
/// changes a role reaches it within 2 s of its commit (PostgreSQL NOTIFY from the committing transaction), and a
/// component action re-checks its policy on the server. Real PostgreSQL, real sign-ins and Admin form posts.
/// </summary>
public sealed class CircuitSessionTests(DashboardFactory factory, ITestOutputHelper output) : IClassFixture<DashboardFactory>
{
    private static readonly TimeSpan s_target = TimeSpan.FromSeconds(2);

    [Fact]
    public void Circuits_GetTheSessionFollowingProvider()
    {
        using var scope = factory.Services.CreateScope();
        Assert.IsType<CircuitAuthenticationStateProvider>(scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
        Assert.Same(scope.ServiceProvider.GetRequiredService<CircuitAuthenticationStateProvider>(),
            scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());
    }

    [Fact]
    public async Task SigningOut_MakesThatSessionsCircuitAnonymousWithin2s_WhileTheUsersOtherSessionStaysSignedIn()
    {
        var (email, password) = await NewUserAsync(Roles.Operator);
        using var phone = await factory.SignInAsync(email, password);
        await using var phoneCircuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        using var laptop = await factory.SignInAsync(email, password);
        await using var laptopCircuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        Assert.NotEqual(phoneCircuit.Provider.SessionId, laptopCircuit.Provider.SessionId);

        var (user, delay) = await laptopCircuit.AfterAsync(() => SignOutAsync(laptop), u => u.Identity?.IsAuthenticated != true);

        Report("sign-out by the user", delay);
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.Null(laptopCircuit.Provider.SessionId);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/")).StatusCode);
        Assert.True((await phoneCircuit.UserAsync()).Identity?.IsAuthenticated);
        Assert.True(await phoneCircuit.Provider.RevalidateAsync("test", CancellationToken.None));
        Assert.Equal(email, (await phoneCircuit.UserAsync()).Identity?.Name);
    }

    [Fact]
    public async Task AnAdminEndingOneSession_MakesThatSessionsCircuitAnonymousWithin2s_WhileTheUsersOtherSessionStays()
    {
        var (email, password) = await NewUserAsync(Roles.Operator);
        using var phone = await factory.SignInAsync(email, password);
        await using var phoneCircuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        using var laptop = await factory.SignInAsync(email, password);
        await using var laptopCircuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        var id = await AdminActions.UserIdAsync(factory, email);
        var laptopSession = laptopCircuit.Provider.SessionId!.Value;

        var (user, delay) = await laptopCircuit.AfterAsync(() => AdminActions.EndSessionAsync(factory, id, laptopSession),
            u => u.Identity?.IsAuthenticated != true);

        Report("end session by an Admin", delay);
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/")).StatusCode);
        Assert.True(await phoneCircuit.Provider.RevalidateAsync("test", CancellationToken.None));
        Assert.True((await phoneCircuit.UserAsync()).Identity?.IsAuthenticated);
        var again = await AdminActions.TryAsync(factory, users => users.EndSessionAsync(AdminActions.Admin, id, laptopSession, CancellationToken.None));
        Assert.Equal(UserChangeOutcome.NotFound, again.Outcome);
    }

    [Fact]
    public async Task DisablingAUser_MakesTheirCircuitAnonymousWithin2s()
    {
        var (email, password) = await NewUserAsync(Roles.Manager);
        using var browser = await factory.SignInAsync(email, password);
        await using var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        var id = await AdminActions.UserIdAsync(factory, email);

        var (user, delay) = await circuit.AfterAsync(() => AdminActions.DisableAsync(factory, id),
            u => u.Identity?.IsAuthenticated != true);

        Report("disable", delay);
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        Assert.False(await circuit.Access.IsAllowedAsync(Policies.View));
    }

    [Fact]
    public async Task AnAdminsPasswordReset_MakesTheUsersCircuitAnonymousWithin2s()
    {
        var (email, password) = await NewUserAsync(Roles.Viewer);
        using var browser = await factory.SignInAsync(email, password);
        await using var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        var id = await AdminActions.UserIdAsync(factory, email);

        var (user, delay) = await circuit.AfterAsync(
            () => AdminActions.ResetPasswordAsync(factory, id, "another long passphrase " + Guid.NewGuid()),
            u => u.Identity?.IsAuthenticated != true);

        Report("password reset", delay);
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.InRange(delay, TimeSpan.Zero, s_target);
    }

    [Fact]
    public async Task ARoleChange_GivesTheCircuitTheNewRolesWithin2s_AndTheDemotedUsersActionIsRefused()
    {
        var (email, password) = await NewUserAsync(Roles.Operator);
        using var browser = await factory.SignInAsync(email, password);
        await using var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        Assert.True(await circuit.Access.IsAllowedAsync(Policies.Tick));
        var id = await AdminActions.UserIdAsync(factory, email);

        var (user, delay) = await circuit.AfterAsync(
            () => AdminActions.SetRoleAsync(factory, id, Roles.Viewer),
            u => !u.IsInRole(Roles.Operator));

        Report("role change Operator -> Viewer", delay);
        Assert.InRange(delay, TimeSpan.Zero, s_target);
        Assert.True(user.Identity?.IsAuthenticated);
        Assert.Equal([Roles.Viewer], user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.Equal(email, user.Identity?.Name);
        Assert.False(await circuit.Access.IsAllowedAsync(Policies.Tick));
        Assert.Equal(CircuitAccess.DeniedMessage, circuit.Access.RefusalMessage);
        var refused = await Assert.ThrowsAsync<CircuitAccessDeniedException>(() => circuit.Access.DemandAsync(Policies.Tick));
        Assert.Equal(Policies.Tick, refused.Policy);
        Assert.True(await circuit.Access.IsAllowedAsync(Policies.View));

        var (promoted, promotionDelay) = await circuit.AfterAsync(
            () => AdminActions.SetRoleAsync(factory, id, Roles.Manager),
            u => u.IsInRole(Roles.Manager));
        Report("role change Viewer -> Manager", promotionDelay);
        Assert.InRange(promotionDelay, TimeSpan.Zero, s_target);
        Assert.Equal([Roles.Manager], promoted.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.True(await circuit.Access.IsAllowedAsync(Policies.Manage));
    }

    [Fact]
    public async Task TheActionCheck_ReadsTheDatabase_EvenWhenNoEventReachedTheCircuit()
    {
        var (email, password) = await NewUserAsync(Roles.Operator);
        using var browser = await factory.SignInAsync(email, password);
        await using var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        await DemoteQuietlyAsync(email);
        Assert.True((await circuit.UserAsync()).IsInRole(Roles.Operator));

        Assert.False(await circuit.Access.IsAllowedAsync(Policies.Tick));
        Assert.False((await circuit.UserAsync()).IsInRole(Roles.Operator));
    }

    [Fact]
    public async Task AChangeMissedWhileTheListenerWasCutOff_ReachesTheCircuitWhenItListensAgain()
    {
        var (email, password) = await NewUserAsync(Roles.Operator);
        using var browser = await factory.SignInAsync(email, password);
        await using var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);

        var (user, delay) = await circuit.AfterAsync(async () =>
        {
            // A demotion whose notification never comes (NOTIFY suppressed), then the listener's connection is cut:
            // it listens again within a second and every circuit catches up from the tables.
            await DemoteQuietlyAsync(email);
            await using var connection = new Npgsql.NpgsqlConnection(factory.Database.ConnectionString);
            await connection.OpenAsync();
            await using var cut = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'barberpro-dashboard-listener'",
                connection);
            Assert.Equal(1L, await cut.ExecuteScalarAsync());
        }, u => !u.IsInRole(Roles.Operator));

        Report("catch-up after the listener was cut off", delay);
        Assert.Equal([Roles.Viewer], user.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task AClosedCircuit_IsForgotten_AndAStaticRenderLeavesNothingBehind()
    {
        var registry = factory.Services.GetRequiredService<CircuitSessionRegistry>();
        var (email, password) = await NewUserAsync(Roles.Viewer);
        using var browser = await factory.SignInAsync(email, password);
        var before = registry.Count;

        var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);
        Assert.Equal(before + 1, registry.Count);
        await circuit.DisposeAsync();
        Assert.Equal(before, registry.Count);

        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);
        // The request's scope (and the provider a static render sets) is disposed just after the response completes,
        // which the client can see first: nothing may be left once it is, so wait a little for that, not forever.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(5);
        while (registry.Count != before && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(before, registry.Count);
    }

    [Fact]
    public async Task AnAnonymousCircuit_IsRefusedEveryPolicy()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<CircuitAuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        var access = scope.ServiceProvider.GetRequiredService<CircuitAccess>();

        Assert.False(await access.IsAllowedAsync(Policies.View));
        Assert.Equal("Your session has ended. Sign in again.", access.RefusalMessage);
    }

    /// <summary>Makes an Operator a Viewer behind the listener's back: NOTIFY (the trigger) suppressed for this transaction only.</summary>
    private async Task DemoteQuietlyAsync(string email)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var quiet = new Npgsql.NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, tx))
        {
            await quiet.ExecuteNonQueryAsync();
        }
        await using (var demote = new Npgsql.NpgsqlCommand("""
            UPDATE dashboard.user_roles SET "RoleId" = (SELECT "Id" FROM dashboard.roles WHERE "Name" = 'Viewer')
            WHERE "UserId" = (SELECT "Id" FROM dashboard.users WHERE "Email" = $1)
            """, connection, tx))
        {
            demote.Parameters.Add(new Npgsql.NpgsqlParameter { Value = email });
            Assert.Equal(1, await demote.ExecuteNonQueryAsync());
        }
        await tx.CommitAsync();
    }

    private async Task<(string Email, string Password)> NewUserAsync(string role)
    {
        var email = $"circuit-{Guid.NewGuid():N}@test.local";
        return (email, await factory.CreateUserAsync(email, role));
    }

    private static async Task SignOutAsync(TestBrowser browser)
    {
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/");
        var response = await browser.Http.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private void Report(string change, TimeSpan delay) =>
        output.WriteLine($"{change}: circuit updated {delay.TotalMilliseconds:F0} ms after the change was answered");
}
