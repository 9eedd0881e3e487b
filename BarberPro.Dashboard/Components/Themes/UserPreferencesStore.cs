using Npgsql;

namespace BarberPro.Dashboard.Components.Themes;

/// <summary>Each user's stored theme (an interface so that component tests can fake it).</summary>
public interface IUserPreferencesStore
{
    Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken);

    Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken);
}

/// <summary>
/// Each user's theme, in <c>dashboard.user_preferences</c> (db/dashboard/0008), so that it follows the user to every
/// browser and instance. No row means <see cref="ThemeChoice.System"/>. Singleton.
/// </summary>
public sealed class UserPreferencesStore(NpgsqlDataSource dataSource, TimeProvider time) : IUserPreferencesStore
{
    public async Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var command = dataSource.CreateCommand("SELECT theme FROM dashboard.user_preferences WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return ThemeChoices.FromStored(await command.ExecuteScalarAsync(cancellationToken) as string);
    }

    public async Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO dashboard.user_preferences (user_id, theme, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = theme.ToStored() });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
