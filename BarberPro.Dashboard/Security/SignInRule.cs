using System.Security.Cryptography;
using System.Text;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace BarberPro.Dashboard.Security;

/// <summary>What a sign-in attempt came to. Only <see cref="User"/> of a success is ever shown to anyone.</summary>
public sealed record SignInOutcome(SignInOutcomeKind Kind, DashboardUser? User = null, TimeSpan RetryAfter = default);

public enum SignInOutcomeKind
{
    Succeeded,
    Failed,
    Malformed,
    Throttled,
}

/// <summary>
/// The sign-in rule, apart from cookies and pages (the sign-in endpoint uses it today; a component action can later):
/// throttling, the lockout per account and client, and one password hash on every answer that reads the password, so
/// that a known account, an unknown one and a locked one cost the same time and an attacker cannot tell them apart.
/// An identifier that names no account is never logged or stored as typed (it may be a password typed in the wrong
/// field): <see cref="SignInIdentifiers.Mask"/>. Scoped (it uses the scoped UserManager).
/// </summary>
public sealed class SignInRule(
    UserManager<DashboardUser> users,
    LoginThrottle throttle,
    SignInLockouts lockouts,
    SignInIdentifiers identifiers,
    SecurityAudit audit)
{
    public async Task<SignInOutcome> CheckAsync(string? typedEmail, string? typedPassword, string client,
        CancellationToken cancellationToken)
    {
        var email = (typedEmail ?? "").Trim();
        var password = typedPassword ?? "";
        var wellFormed = email.Length is > 0 and <= 256 && password.Length is > 0 and <= PasswordRules.MaximumLength;

        if (!throttle.TryAcquire(client, email, out var retryAfter))
        {
            var known = wellFormed ? await users.FindByEmailAsync(email) : null;
            await audit.RecordAsync(AuditKinds.SignInThrottled, null, known?.Email ?? identifiers.Mask(email), client, null,
                cancellationToken);
            return new SignInOutcome(SignInOutcomeKind.Throttled, RetryAfter: retryAfter);
        }
        if (!wellFormed)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, null, identifiers.Mask(email), client, "malformed", cancellationToken);
            return new SignInOutcome(SignInOutcomeKind.Malformed);
        }

        var user = await users.FindByEmailAsync(email);
        var account = user is null ? identifiers.Mask(email) : SignInLockouts.AccountKey(user.Id);
        var lockedUntil = await lockouts.LockedUntilAsync(account, client, cancellationToken);
        // The hash runs whatever the state: skipping it for a locked or missing account is what made them answer fast.
        var passwordMatches = user is null
            ? identifiers.VerifyAgainstDummy(users.PasswordHasher, password)
            : await users.CheckPasswordAsync(user, password);
        var subject = user?.Email ?? account;

        if (lockedUntil is not null)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, null, subject, client, "locked out for this client", cancellationToken);
            return new SignInOutcome(SignInOutcomeKind.Failed);
        }
        if (user is null || !passwordMatches || user.IsDisabled)
        {
            var reason = user is null ? "unknown account" : !passwordMatches ? "wrong password" : "disabled";
            if (await lockouts.RecordFailureAsync(account, client, cancellationToken) is { } until)
            {
                reason += string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"; locked for this client until {until:yyyy-MM-ddTHH:mm:ssZ}");
            }
            await audit.RecordAsync(AuditKinds.SignInFailed, null, subject, client, reason, cancellationToken);
            return new SignInOutcome(SignInOutcomeKind.Failed);
        }

        await lockouts.ClearAsync(account, client, cancellationToken);
        return new SignInOutcome(SignInOutcomeKind.Succeeded, user);
    }
}

/// <summary>
/// Process-wide pieces of the sign-in rule: the key that masks identifiers naming no account, and the hash that an
/// unknown account's password is checked against. Singleton.
/// </summary>
public sealed class SignInIdentifiers
{
    // Lives only in this process: a masked identifier can be matched within one run (the same typo, repeated) but can
    // never be turned back into what was typed, even by someone holding the log, the audit table and the database.
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Lock _gate = new();
    private string? _dummyHash;

    /// <summary>"unknown-" and 16 hex digits of a keyed hash of the identifier as typed (case-insensitive).</summary>
    public string Mask(string typed) =>
        "unknown-" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(typed.Trim().ToUpperInvariant())))[..16];

    /// <summary>Checks the password against a hash of a random secret: the same work as checking a real account's.</summary>
    public bool VerifyAgainstDummy(IPasswordHasher<DashboardUser> hasher, string password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        string hash;
        lock (_gate)
        {
            hash = _dummyHash ??= hasher.HashPassword(new DashboardUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }
        _ = hasher.VerifyHashedPassword(new DashboardUser(), hash, password);
        return false;
    }
}
