using BarberPro.Dashboard.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Persistence;

public sealed class DatabaseOutageTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly TestLogger<DatabaseOutage> _log = new();

    [Fact]
    public void AnOutageOfManyRefusals_IsLoggedOnceWhenItStarts_AndOnceWithItsCountsWhenItEnds()
    {
        var outage = new DatabaseOutage(_clock, _log);
        var cause = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111));

        for (var i = 0; i < 500; i++)
        {
            outage.Refused("checklist hub", cause);
        }
        for (var i = 0; i < 7; i++)
        {
            outage.ServedWithoutCheck("session check", cause);
        }
        _clock.Advance(TimeSpan.FromSeconds(12));
        outage.Answered();
        outage.Answered();

        Assert.Collection(_log.Entries,
            started =>
            {
                Assert.Equal(LogLevel.Error, started.Level);
                Assert.Contains("checklist hub: NpgsqlException", started.Message, StringComparison.Ordinal);
                Assert.Contains("Connection refused", started.Message, StringComparison.Ordinal);
            },
            ended =>
            {
                Assert.Equal(LogLevel.Warning, ended.Level);
                Assert.Equal("Dashboard database answers again after 12.0 s: 500 calls refused, 7 reads served without a session check",
                    ended.Message);
            });
        Assert.False(outage.IsOngoing);
    }

    [Fact]
    public void ASuccessRightAfterAFailure_DoesNotEndTheOutage()
    {
        var outage = new DatabaseOutage(_clock, _log);
        outage.Refused("checklist form", new TimeoutException("no answer"));

        _clock.Advance(DatabaseOutage.QuietPeriod / 2);
        outage.Answered();

        Assert.True(outage.IsOngoing);
        Assert.Single(_log.Entries);
        _clock.Advance(DatabaseOutage.QuietPeriod);
        outage.Answered();
        Assert.False(outage.IsOngoing);
        Assert.Equal(2, _log.Entries.Count);
    }

    [Fact]
    public void Answered_WithoutAnOutage_LogsNothing()
    {
        var outage = new DatabaseOutage(_clock, _log);

        outage.Answered();

        Assert.Empty(_log.Entries);
    }
}
