using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Lockout per account and client, in <c>dashboard.sign_in_lockouts</c> (shared by every instance for existing
/// accounts). <see cref="SecurityOptions.LockoutMaxFailures"/> failures in a row from one client lock the account for
/// that client for <see cref="SecurityOptions.LockoutDuration"/>, doubling with each further lock (at most 24 h); a
/// success or an Admin's reset clears it. Failures older than a day are forgotten. Singleton.
/// </summary>
public sealed class SignInLockouts(NpgsqlDataSource dataSource, TimeProvider time, IOptions<SecurityOptions> options)
{
    public static readonly TimeSpan MaximumLock = TimeSpan.FromHours(24);
    private static readonly TimeSpan s_forgetAfter = TimeSpan.FromHours(24);

    /// <summary>Until when the account is locked for this client, or null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string account, string client, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT locked_until FROM dashboard.sign_in_lockouts WHERE account = $1 AND client = $2 AND locked_until > $3");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = client });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime until
            ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc))
            : null;
    }

    /// <summary>Counts a failure; returns the end of the lock it started, if it started one.</summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(string account, string client, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int failures, locks;
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO dashboard.sign_in_lockouts AS l (account, client, failures, locks, locked_until, last_failure_at)
            VALUES ($1, $2, 1, 0, NULL, $3)
            ON CONFLICT (account, client) DO UPDATE SET
                failures = CASE WHEN l.last_failure_at < $4 THEN 1 ELSE l.failures + 1 END,
                locks = CASE WHEN l.last_failure_at < $4 THEN 0 ELSE l.locks END,
                last_failure_at = $3
            RETURNING failures, locks
            """, connection, transaction))
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = account });
            upsert.Parameters.Add(new NpgsqlParameter { Value = client });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now - s_forgetAfter });
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            failures = reader.GetInt32(0);
            locks = reader.GetInt32(1);
        }
        DateTimeOffset? lockedUntil = null;
        if (failures >= o.LockoutMaxFailures)
        {
            lockedUntil = now + LockDuration(o.LockoutDuration, locks);
            await using var lockCommand = new NpgsqlCommand(
                "UPDATE dashboard.sign_in_lockouts SET failures = 0, locks = locks + 1, locked_until = $3 WHERE account = $1 AND client = $2",
                connection, transaction);
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = account });
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = client });
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = lockedUntil.Value });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return lockedUntil;
    }

    /// <summary>After a successful sign-in: this client starts again from zero.</summary>
    public async Task ClearAsync(string account, string client, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM dashboard.sign_in_lockouts WHERE account = $1 AND client = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        command.Parameters.Add(new NpgsqlParameter { Value = client });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>An Admin's unlock (password reset, or the <c>unlock</c> command): every client of the account.</summary>
    public async Task<int> ClearAccountAsync(string account, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM dashboard.sign_in_lockouts WHERE account = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = account });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The n-th lock (from 0) lasts the base duration times 2^n, at most <see cref="MaximumLock"/>.</summary>
    public static TimeSpan LockDuration(TimeSpan baseDuration, int previousLocks)
    {
        var factor = Math.Pow(2, Math.Min(previousLocks, 20));
        var ticks = Math.Min(baseDuration.Ticks * factor, MaximumLock.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    public static string AccountKey(string userId) => "user:" + userId;
}
