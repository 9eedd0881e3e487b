using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Makes sure one data-protection key exists before any instance protects anything. Without this, instances that
/// start together on an empty database each create a key of their own, and for the key ring's cache lifetime a
/// cookie issued by one is refused by the other. The check runs under a PostgreSQL advisory lock, so exactly one
/// instance creates the key and the others read it.
/// </summary>
internal sealed partial class DataProtectionKeyBootstrap(
    NpgsqlDataSource dataSource,
    IKeyManager keys,
    TimeProvider time,
    ILogger<DataProtectionKeyBootstrap> logger)
{
    // Arbitrary but fixed, distinct from the migration lock: "BPDP" in ASCII.
    private const long AdvisoryLockKey = 0x4250_4450;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            var now = time.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            {
                // Activation a little in the past so that it is the default key at once on every instance.
                keys.CreateNewKey(now.AddMinutes(-1), now.AddDays(90));
                LogCreated();
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            release.Parameters.Add(new NpgsqlParameter { Value = AdvisoryLockKey });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the shared data-protection key")]
    private partial void LogCreated();
}
