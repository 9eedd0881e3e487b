using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>A circuit signs out at its session's absolute end (24 h), on the app's clock, with no request to trigger it.</summary>
public sealed class CircuitSessionExpiryTests(ClockedDashboardFactory factory, ITestOutputHelper output) : IClassFixture<ClockedDashboardFactory>
{
    [Fact]
    public async Task ACircuit_TurnsAnonymousAtItsSessionsExpiryInstant_NotBefore()
    {
        var email = $"expiry-{Guid.NewGuid():N}@test.local";
        using var browser = await factory.SignInAsync(email, await factory.CreateUserAsync(email, Roles.Operator));
        // The circuit opens 2 min 7 s after the sign-in, so its 5-minute safety-net checks never fall on the expiry
        // instant: what signs it out there is the expiry timer.
        factory.Clock.Advance(TimeSpan.FromSeconds(127));
        await using var circuit = await CircuitProbe.OpenAsync(factory, factory.Database.ConnectionString, email);

        factory.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(128));
        Assert.True(await circuit.Provider.RevalidateAsync("test", CancellationToken.None));
        Assert.True((await circuit.UserAsync()).Identity?.IsAuthenticated);

        var (user, delay) = await circuit.AfterAsync(() =>
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            return Task.CompletedTask;
        }, u => u.Identity?.IsAuthenticated != true);

        output.WriteLine($"expiry: circuit updated {delay.TotalMilliseconds:F0} ms after the clock reached the instant");
        Assert.False(user.Identity?.IsAuthenticated);
        Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }
}
