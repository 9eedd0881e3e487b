using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BarberPro.Dashboard.Admin;

/// <summary>Who makes an administrative change: their user id (for the "not yourself" rules) and name (for the audit).</summary>
public sealed record UserActor(string? UserId, string? Name);

/// <summary>How a user stands: can sign in, disabled by an Admin, or locked out after failed sign-ins (until when).</summary>
public enum UserStanding
{
    Enabled,
    Disabled,
    LockedOut,
}

/// <summary>One open session of a user: the browser it runs in, from where, since when and until when at the latest, and
/// when it was last used (<see cref="SessionLastSeen"/>, to the minute; null when not used since it was recorded).</summary>
public sealed record OpenSession(Guid Id, string? UserAgent, string? RemoteIp, DateTimeOffset SignedInAt, DateTimeOffset EndsAt,
    DateTimeOffset? LastSeen = null);

/// <summary>A row of the users page.</summary>
public sealed record UserRow(
    string Id,
    string Email,
    string DisplayName,
    string? Role,
    UserStanding Standing,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignIn,
    IReadOnlyList<OpenSession> Sessions);

/// <summary>What an administrative change came to.</summary>
public enum UserChangeOutcome
{
    Done,
    Invalid,
    Exists,
    WeakPassword,
    CommonPassword,
    Self,
    NotFound,
    NotSaved,
}

/// <summary>Which change a result is about (the page words a done change, or a session already ended, by it).</summary>
public enum UserChangeKind
{
    None,
    Created,
    RoleSet,
    Disabled,
    Enabled,
    PasswordReset,
    Unlocked,
    SessionEnded,
}

/// <summary>
/// The outcome of a change and what to tell the Admin: <paramref name="Message"/> in English (logs, tests, tools); the
/// page words it in the reader's language from <paramref name="Outcome"/>, <paramref name="Kind"/> and the user's
/// <paramref name="Name"/> and <paramref name="Role"/>.
/// </summary>
public sealed record UserChangeResult(UserChangeOutcome Outcome, string Message, UserChangeKind Kind = UserChangeKind.None,
    string? Name = null, string? Role = null)
{
    public bool Done => Outcome == UserChangeOutcome.Done;
}

/// <summary>
/// User administration (Admin): add a user, set the role, disable or enable, unlock, set a new password, end one
/// session. The caller checks the Admin rule first (the page through <see cref="CircuitAccess"/>); these methods keep
/// the rules of the data themselves (lengths, known role, no Admin may disable themselves or drop their own Admin role),
/// audit each change with its author (<see cref="SecurityAudit"/>) and end sessions where the change must: through
/// <see cref="SessionStore"/>, whose row change sends the PostgreSQL NOTIFY that open circuits and hub connections hear
/// (the same path as sign-out). A change the database could not take says so
/// (<see cref="UserChangeOutcome.NotSaved"/>) and nothing is half-done. Scoped (it uses the scoped UserManager).
/// </summary>
public sealed class UserAdministration(
    UserManager<DashboardUser> users,
    DashboardDbContext db,
    NpgsqlDataSource dataSource,
    SessionStore sessions,
    SignInLockouts lockouts,
    SecurityAudit audit,
    TimeProvider time)
{
    public const int MaxEmailLength = 256;
    public const int MaxDisplayNameLength = 100;
    public const string EndedByAdminReason = "ended by an Admin";

    public static readonly UserChangeResult NotSavedResult = new(UserChangeOutcome.NotSaved, SessionOutageGuard.NotSavedMessage);
    private static readonly UserChangeResult s_invalid = new(UserChangeOutcome.Invalid, "That was not valid: check the e-mail, the role and the lengths.");
    private static readonly UserChangeResult s_notFound = new(UserChangeOutcome.NotFound, "That user no longer exists. The list has been read again.");
    private static readonly UserChangeResult s_weak = new(UserChangeOutcome.WeakPassword, $"The password must have at least {PasswordRules.MinimumLength} characters.");
    private static readonly UserChangeResult s_common = new(UserChangeOutcome.CommonPassword, CommonPasswordValidator.Message);
    private static readonly UserChangeResult s_self = new(UserChangeOutcome.Self, "You cannot disable yourself or remove your own Admin role.");

    /// <summary>Every user with their role, standing, last sign-in and open sessions (newest first), by e-mail.</summary>
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var open = new Dictionary<string, List<OpenSession>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("""
            SELECT id, user_id, created_at, expires_at, remote_ip, user_agent, last_seen_at
            FROM dashboard.sessions
            WHERE ended_at IS NULL AND expires_at > $1
            ORDER BY created_at DESC
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var userId = reader.GetString(reader.GetOrdinal("user_id"));
                if (!open.TryGetValue(userId, out var list))
                {
                    open[userId] = list = [];
                }
                list.Add(new OpenSession(
                    reader.GetGuid(reader.GetOrdinal("id")),
                    reader.IsDBNull(reader.GetOrdinal("user_agent")) ? null : reader.GetString(reader.GetOrdinal("user_agent")),
                    reader.IsDBNull(reader.GetOrdinal("remote_ip")) ? null : reader.GetString(reader.GetOrdinal("remote_ip")),
                    reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("created_at")),
                    reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("expires_at")),
                    reader.IsDBNull(reader.GetOrdinal("last_seen_at")) ? null : reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("last_seen_at"))));
            }
        }

        var rows = new List<UserRow>();
        await using (var command = new NpgsqlCommand("""
            SELECT u."Id" AS id, u."Email" AS email, u."DisplayName" AS display_name, u."IsDisabled" AS disabled,
                   (SELECT r."Name" FROM dashboard.user_roles ur JOIN dashboard.roles r ON r."Id" = ur."RoleId"
                    WHERE ur."UserId" = u."Id" ORDER BY r."Name" LIMIT 1) AS role,
                   (SELECT max(s.created_at) FROM dashboard.sessions s WHERE s.user_id = u."Id") AS last_sign_in,
                   (SELECT max(l.locked_until) FROM dashboard.sign_in_lockouts l
                    WHERE l.account = 'user:' || u."Id" AND l.locked_until > $1) AS locked_until
            FROM dashboard.users u
            ORDER BY u."Email"
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetString(reader.GetOrdinal("id"));
                var disabled = reader.GetBoolean(reader.GetOrdinal("disabled"));
                DateTimeOffset? lockedUntil = reader.IsDBNull(reader.GetOrdinal("locked_until"))
                    ? null : reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("locked_until"));
                rows.Add(new UserRow(
                    id,
                    reader.IsDBNull(reader.GetOrdinal("email")) ? "" : reader.GetString(reader.GetOrdinal("email")),
                    reader.GetString(reader.GetOrdinal("display_name")),
                    reader.IsDBNull(reader.GetOrdinal("role")) ? null : reader.GetString(reader.GetOrdinal("role")),
                    disabled ? UserStanding.Disabled : lockedUntil is not null ? UserStanding.LockedOut : UserStanding.Enabled,
                    lockedUntil,
                    reader.IsDBNull(reader.GetOrdinal("last_sign_in")) ? null : reader.GetFieldValue<DateTimeOffset>(reader.GetOrdinal("last_sign_in")),
                    // A disabled user's sessions were ended with them; none is open.
                    open.TryGetValue(id, out var list) ? list : []));
            }
        }
        return rows;
    }

    /// <summary>Adds a user with a role and a first password (the password rules of sign-in apply).</summary>
    public Task<UserChangeResult> CreateAsync(UserActor actor, string? email, string? displayName, string? role, string? password,
        CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        var address = (email ?? "").Trim();
        var name = (displayName ?? "").Trim();
        if (address.Length is 0 or > MaxEmailLength || !address.Contains('@', StringComparison.Ordinal)
            || name.Length > MaxDisplayNameLength || !Roles.IsKnown(role ?? "") || (password ?? "").Length > PasswordRules.MaximumLength)
        {
            return s_invalid;
        }
        var user = new DashboardUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            DisplayName = name.Length == 0 ? address : name,
            CreatedAt = time.GetUtcNow(),
        };
        // One transaction: a user is never stored without their role.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code == CommonPasswordValidator.ErrorCode) ? s_common
                : created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? s_weak
                : created.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal))
                    ? new UserChangeResult(UserChangeOutcome.Exists, "A user with that e-mail already exists.")
                    : s_invalid;
        }
        await users.AddToRoleAsync(user, role!);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(AuditKinds.UserCreated, actor.Name, address, null, $"role {role}", cancellationToken);
        return Done(UserChangeKind.Created, user.DisplayName, role, $"{user.DisplayName} added as {role}.");
    }, cancellationToken);

    /// <summary>Gives the user exactly <paramref name="role"/>; open pages of theirs follow within seconds (session event).</summary>
    public Task<UserChangeResult> SetRoleAsync(UserActor actor, string userId, string? role, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            if (!Roles.IsKnown(role ?? ""))
            {
                return s_invalid;
            }
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return s_notFound;
            }
            if (user.Id == actor.UserId && role != Roles.Admin)
            {
                return s_self;
            }
            // One transaction: the user is never seen without a role in between, and the session event (NOTIFY from the
            // user_roles trigger) is sent once, at the commit, with the new role already in place.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var before = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, before);
            await users.AddToRoleAsync(user, role!);
            await transaction.CommitAsync(cancellationToken);
            await audit.RecordAsync(AuditKinds.RolesChanged, actor.Name, user.Email, null,
                $"{string.Join(",", before)} -> {role}", cancellationToken);
            return Done(UserChangeKind.RoleSet, user.DisplayName, role, $"{user.DisplayName} is now {role}. Their open pages follow within seconds.");
        }, cancellationToken);

    /// <summary>Disables (every session ends) or enables the user; nobody disables themselves.</summary>
    public Task<UserChangeResult> SetDisabledAsync(UserActor actor, string userId, bool disabled, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return s_notFound;
            }
            if (user.Id == actor.UserId)
            {
                return s_self;
            }
            user.IsDisabled = disabled;
            await users.UpdateAsync(user);
            if (disabled)
            {
                await sessions.EndAllForUserAsync(user.Id, "disabled", cancellationToken);
            }
            await audit.RecordAsync(disabled ? AuditKinds.UserDisabled : AuditKinds.UserEnabled, actor.Name, user.Email, null, null,
                cancellationToken);
            return disabled
                ? Done(UserChangeKind.Disabled, user.DisplayName, null, $"{user.DisplayName} disabled; their sessions have ended.")
                : Done(UserChangeKind.Enabled, user.DisplayName, null, $"{user.DisplayName} enabled.");
        }, cancellationToken);

    /// <summary>Sets a new password: the lockout is lifted and every session of the user ends.</summary>
    public Task<UserChangeResult> ResetPasswordAsync(UserActor actor, string userId, string? password, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var value = password ?? "";
            if (value.Length > PasswordRules.MaximumLength)
            {
                return s_invalid;
            }
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return s_notFound;
            }
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var result = await users.ResetPasswordAsync(user, token, value);
            if (!result.Succeeded)
            {
                return result.Errors.Any(e => e.Code == CommonPasswordValidator.ErrorCode) ? s_common : s_weak;
            }
            await lockouts.ClearAccountAsync(SignInLockouts.AccountKey(user.Id), cancellationToken);
            await sessions.EndAllForUserAsync(user.Id, "password reset", cancellationToken);
            await audit.RecordAsync(AuditKinds.PasswordReset, actor.Name, user.Email, null, null, cancellationToken);
            return Done(UserChangeKind.PasswordReset, user.DisplayName, null, $"New password set for {user.DisplayName}; their sessions have ended and any lockout is lifted.");
        }, cancellationToken);

    /// <summary>Lifts the lockout after failed sign-ins, on every device (what the <c>unlock</c> command does).</summary>
    public Task<UserChangeResult> UnlockAsync(UserActor actor, string userId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return s_notFound;
            }
            var cleared = await lockouts.ClearAccountAsync(SignInLockouts.AccountKey(user.Id), cancellationToken);
            await audit.RecordAsync(AuditKinds.Unlocked, actor.Name, user.Email, null, $"{cleared} lock(s) cleared", cancellationToken);
            return Done(UserChangeKind.Unlocked, user.DisplayName, null, $"{user.DisplayName} can sign in again.");
        }, cancellationToken);

    /// <summary>
    /// Ends one session of <paramref name="userId"/> the way sign-out does (<see cref="SessionStore.EndAsync"/>): its
    /// NOTIFY reaches the circuits and hub connections of that session on every instance, which go to sign-in.
    /// </summary>
    public Task<UserChangeResult> EndSessionAsync(UserActor actor, string userId, Guid sessionId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                return s_notFound;
            }
            if (!await sessions.EndOfUserAsync(user.Id, sessionId, EndedByAdminReason, cancellationToken))
            {
                return new UserChangeResult(UserChangeOutcome.NotFound, "That session had already ended. The list has been read again.", UserChangeKind.SessionEnded);
            }
            await audit.RecordAsync(AuditKinds.SessionEnded, actor.Name, user.Email, null, $"session {sessionId}", cancellationToken);
            return Done(UserChangeKind.SessionEnded, user.DisplayName, null, $"That session of {user.DisplayName} has ended; the browser goes to the sign-in page.");
        }, cancellationToken);

    private static UserChangeResult Done(UserChangeKind kind, string name, string? role, string message) =>
        new(UserChangeOutcome.Done, message, kind, name, role);

    private async Task<UserChangeResult> GuardAsync(Func<Task<UserChangeResult>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await change();
        }
        catch (Exception ex) when (DurableTransaction.IsUnavailable(ex) || ex is InvalidOperationException { InnerException: { } inner } && DurableTransaction.IsUnavailable(inner))
        {
            // EF Core wraps a connection failure in InvalidOperationException (retry strategy) or DbUpdateException.
            cancellationToken.ThrowIfCancellationRequested();
            return NotSavedResult;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (ex.InnerException is { } inner && DurableTransaction.IsUnavailable(inner))
        {
            return NotSavedResult;
        }
    }
}
