using System.Security.Claims;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// Two dashboard instances on one database: a change an Admin makes through one reaches a circuit held by the other
/// within 2 s (each instance's one listener hears every commit).
/// </summary>
public sealed class CircuitSessionAcrossInstancesTests(DashboardFactory first, ITestOutputHelper output)
    : IClassFixture<DashboardFactory>, IAsyncLifetime
{
    private SecondInstance? _second;

    public async Task InitializeAsync()
    {
        _second = new SecondInstance(first);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_second is not null)
        {
            await ((IAsyncLifetime)_second).DisposeAsync();
        }
    }

    [Fact]
    public async Task ARoleChangeAndADisableMadeOnOneInstance_ReachACircuitOnTheOtherWithin2s()
    {
        var second = _second!;
        var email = $"two-{Guid.NewGuid():N}@test.local";
        var password = await first.CreateUserAsync(email, Roles.Manager);
        using var browser = await second.SignInAsync(email, password);
        await using var circuit = await CircuitProbe.OpenAsync(second, first.Database.ConnectionString, email);
        var id = await AdminActions.UserIdAsync(first, email);

        var (demoted, roleDelay) = await circuit.AfterAsync(
            () => AdminActions.SetRoleAsync(first, id, Roles.Operator),
            u => !u.IsInRole(Roles.Manager));
        var (gone, disableDelay) = await circuit.AfterAsync(
            () => AdminActions.DisableAsync(first, id), u => u.Identity?.IsAuthenticated != true);

        output.WriteLine($"other instance: role change {roleDelay.TotalMilliseconds:F0} ms, disable {disableDelay.TotalMilliseconds:F0} ms");
        Assert.Equal([Roles.Operator], demoted.FindAll(ClaimTypes.Role).Select(c => c.Value));
        Assert.False(gone.Identity?.IsAuthenticated);
        Assert.InRange(roleDelay, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.InRange(disableDelay, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    /// <summary>A second host on the first one's database (its own unused database is created and dropped).</summary>
    private sealed class SecondInstance(DashboardFactory first) : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dashboard"] = first.Database.ConnectionString,
        };
    }
}
