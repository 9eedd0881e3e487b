using Npgsql;

namespace BarberPro.Dashboard.Security;

/// <summary>
/// Writes security events to <c>dashboard.security_audit</c> and to the log. Callers pass names and reasons,
/// never a password, cookie or token. Singleton.
/// </summary>
public sealed partial class SecurityAudit(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SecurityAudit> logger)
{
    public async Task RecordAsync(string kind, string? actor, string? subject, string? remoteIp, string? detail,
        CancellationToken cancellationToken)
    {
        LogEvent(kind, actor, subject, remoteIp, detail);
        try
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO dashboard.security_audit (at, kind, actor, subject, remote_ip, detail)
                VALUES ($1, $2, $3, $4, $5, $6)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            command.Parameters.Add(new NpgsqlParameter { Value = kind });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)actor ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)subject ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)remoteIp ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)detail ?? DBNull.Value });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // The log line above already holds the event; losing the table row must not turn a denial into a 500.
            LogAuditWriteFailed(ex, kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "SecurityAudit",
        Message = "Security event {Kind}: actor {Actor}, subject {Subject}, from {RemoteIp}: {Detail}")]
    private partial void LogEvent(string kind, string? actor, string? subject, string? remoteIp, string? detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store security audit event {Kind}")]
    private partial void LogAuditWriteFailed(Exception ex, string kind);
}

public static class AuditKinds
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignInThrottled = "sign-in-throttled";
    public const string SignOut = "sign-out";
    public const string Denied = "denied";
    public const string UserCreated = "user-created";
    public const string RolesChanged = "roles-changed";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string PasswordReset = "password-reset";
    public const string Unlocked = "unlocked";
    public const string SessionEnded = "session-ended";
}
