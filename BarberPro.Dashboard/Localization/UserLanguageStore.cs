using Npgsql;

namespace BarberPro.Dashboard.Localization;

/// <summary>Each user's stored language (an interface so that component and endpoint tests can fake it).</summary>
public interface IUserLanguageStore
{
    /// <summary>The user's language (one of <see cref="Languages.All"/>), or null when the user never chose one.</summary>
    Task<string?> GetLanguageAsync(string userId, CancellationToken cancellationToken);

    Task SetLanguageAsync(string userId, string language, CancellationToken cancellationToken);
}

/// <summary>
/// Each user's language in <c>dashboard.user_preferences.language</c> (db/dashboard/0015), remembered on the server
/// like the theme, so that it follows the user to every browser and instance. Singleton.
/// </summary>
public sealed class UserLanguageStore(NpgsqlDataSource dataSource, TimeProvider time) : IUserLanguageStore
{
    public async Task<string?> GetLanguageAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var command = dataSource.CreateCommand("SELECT language FROM dashboard.user_preferences WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return Languages.Normalize(await command.ExecuteScalarAsync(cancellationToken) as string);
    }

    public async Task SetLanguageAsync(string userId, string language, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var stored = Languages.Normalize(language) ?? throw new ArgumentException($"Unknown language '{language}'.", nameof(language));
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dashboard.user_preferences (user_id, theme, language, updated_at) VALUES ($1, 'system', $2, $3)
            ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = stored });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
