using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Limits sign-in attempts per client address and per account name, each in its own one-minute window. The account
/// partition is what stops a slow password spray from many addresses; the client one stops a single noisy address.
/// Singleton: the windows must outlive requests.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAccount;

    // System.Threading.RateLimiting has no TimeProvider hook: its windows run on the system timer.
    public LoginThrottle(IOptions<SecurityOptions> options)
    {
        var o = options.Value;
        _perClient = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(o.LoginAttemptsPerMinutePerClient)));
        _perAccount = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(o.LoginAttemptsPerMinutePerAccount)));
    }

    /// <summary>True when the attempt may go ahead; otherwise the seconds the caller should wait.</summary>
    public bool TryAcquire(string clientKey, string accountKey, out TimeSpan retryAfter)
    {
        using var client = _perClient.AttemptAcquire(clientKey);
        using var account = _perAccount.AttemptAcquire(accountKey.ToUpperInvariant());
        retryAfter = TimeSpan.FromMinutes(1);
        if (client.IsAcquired && account.IsAcquired)
        {
            return true;
        }
        if ((client.IsAcquired ? account : client).TryGetMetadata(MetadataName.RetryAfter, out var after))
        {
            retryAfter = after;
        }
        return false;
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perAccount.Dispose();
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
