using System.Security.Claims;
using Npgsql;

namespace BarberPro.Dashboard.Security;

/// <summary>What the server knows of a live session at the moment it is checked; it ends at <paramref name="ExpiresAt"/> at the latest.</summary>
public sealed record SessionState(string UserId, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt)
{
    /// <summary><paramref name="current"/> with its role claims replaced by the roles the session holds now.</summary>
    public ClaimsPrincipal WithCurrentRoles(ClaimsPrincipal current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var identity = new ClaimsIdentity(current.Claims.Where(c => c.Type != ClaimTypes.Role),
            current.Identity?.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaims(Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>
/// Server-side sessions in <c>dashboard.sessions</c>. The cookie only names a session; ending the row (logout, a
/// disabled user, the absolute lifetime) ends the session for every copy of that cookie.
/// Singleton: it holds nothing but the shared data source.
/// </summary>
public sealed class SessionStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Starts a session; it ends at the returned instant at the latest.</summary>
    public async Task<(Guid Id, DateTimeOffset ExpiresAt)> StartAsync(string userId, TimeSpan absoluteLifetime, string? remoteIp, string? userAgent,
        CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dashboard.sessions (id, user_id, created_at, expires_at, remote_ip, user_agent)
            VALUES ($1, $2, $3, $4, $5, $6)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = now + absoluteLifetime });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)remoteIp ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)Truncate(userAgent, 300) ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (id, now + absoluteLifetime);
    }

    /// <summary>The session's user and current roles, or null when the session has ended, expired or its user is disabled.</summary>
    public async Task<SessionState?> CheckAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.user_id,
                   coalesce(array_agg(r."Name") FILTER (WHERE r."Name" IS NOT NULL), '{}'),
                   s.expires_at
            FROM dashboard.sessions s
            JOIN dashboard.users u ON u."Id" = s.user_id
            LEFT JOIN dashboard.user_roles ur ON ur."UserId" = u."Id"
            LEFT JOIN dashboard.roles r ON r."Id" = ur."RoleId"
            WHERE s.id = $1 AND s.ended_at IS NULL AND s.expires_at > $2 AND NOT u."IsDisabled"
            GROUP BY s.user_id, s.expires_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new SessionState(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task EndAsync(Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dashboard.sessions SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Ends <paramref name="sessionId"/> if it is an open session of <paramref name="userId"/> (an Admin's "End session"):
    /// the same row change as sign-out, so the same session event reaches its circuits. False when it had already ended.
    /// </summary>
    public async Task<bool> EndOfUserAsync(string userId, Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dashboard.sessions SET ended_at = $3, ended_reason = $4 WHERE id = $1 AND user_id = $2 AND ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = sessionId });
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<int> EndAllForUserAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE dashboard.sessions SET ended_at = $2, ended_reason = $3 WHERE user_id = $1 AND ended_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter { Value = reason });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
