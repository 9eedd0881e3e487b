using BarberPro.Dashboard.Tests.Infrastructure;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Admin;

/// <summary>
/// "Last active" through the app as it runs: a checked request of a session records its use (off the request's path,
/// so the test waits for it), and more requests within the minute do not write it again.
/// </summary>
public sealed class SessionLastSeenHostTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Fact]
    public async Task ARequest_RecordsTheUseOfItsSession_AndMoreRequestsWithinTheMinuteDoNotWriteAgain()
    {
        var email = $"visto-{Guid.NewGuid():N}@test.local";
        var password = await factory.CreateUserAsync(email, "Viewer");
        using var browser = await factory.SignInAsync(email, password);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.Http.GetAsync("/bookings")).StatusCode);
        var first = await WaitForLastSeenAsync(email);
        for (var i = 0; i < 3; i++)
        {
            await browser.Http.GetAsync("/bookings");
        }
        await Task.Yield();

        Assert.Equal(first, await LastSeenAsync(email));
        Assert.InRange(first, DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow);
    }

    private async Task<DateTimeOffset> WaitForLastSeenAsync(string email)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (await LastSeenAsync(email) is { } seen)
            {
                return seen;
            }
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task<DateTimeOffset?> LastSeenAsync(string email)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.last_seen_at FROM dashboard.sessions s JOIN dashboard.users u ON u."Id" = s.user_id
            WHERE u."Email" = $1 AND s.ended_at IS NULL
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }
}
