using BarberPro.Dashboard.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace BarberPro.Dashboard.Components.Themes;

/// <summary>Each user's stored theme (an interface so that component tests can fake it).</summary>
public interface IUserPreferencesStore
{
    Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken);

    Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken);
}

/// <summary>
/// The one store of a user's preferences: the row of <c>dashboard.user_preferences</c> (db/dashboard/0008 for the
/// theme, 0015 for the language), so that both follow the user to every browser and instance. The theme
/// (<see cref="IUserPreferencesStore"/>, no row means <see cref="ThemeChoice.System"/>) and the language
/// (<see cref="IUserLanguageStore"/>, no row or NULL means not chosen) are read and written here only, each column
/// alone, so that saving one never overwrites the other. Singleton.
/// </summary>
public sealed class UserPreferencesStore(NpgsqlDataSource dataSource, TimeProvider time) : IUserPreferencesStore, IUserLanguageStore
{
    public async Task<ThemeChoice> GetThemeAsync(string userId, CancellationToken cancellationToken) =>
        ThemeChoices.FromStored(await ReadAsync(userId, Column.Theme, cancellationToken));

    public Task SetThemeAsync(string userId, ThemeChoice theme, CancellationToken cancellationToken) =>
        WriteAsync(userId, Column.Theme, theme.ToStored(), cancellationToken);

    public async Task<string?> GetLanguageAsync(string userId, CancellationToken cancellationToken) =>
        Languages.Normalize(await ReadAsync(userId, Column.Language, cancellationToken));

    public Task SetLanguageAsync(string userId, string language, CancellationToken cancellationToken)
    {
        var stored = Languages.Normalize(language) ?? throw new ArgumentException($"Unknown language '{language}'.", nameof(language));
        return WriteAsync(userId, Column.Language, stored, cancellationToken);
    }

    private enum Column
    {
        Theme,
        Language,
    }

    // The column names are these two constants, never input.
    private static string NameOf(Column column) => column == Column.Theme ? "theme" : "language";

    private async Task<string?> ReadAsync(string userId, Column column, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        await using var command = dataSource.CreateCommand($"SELECT {NameOf(column)} FROM dashboard.user_preferences WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Inserts the row (the theme's default 'system', the language NULL) or updates the one column.</summary>
    private async Task WriteAsync(string userId, Column column, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var name = NameOf(column);
        var insert = column == Column.Theme ? "($1, $2, NULL, $3)" : "($1, 'system', $2, $3)";
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO dashboard.user_preferences (user_id, theme, language, updated_at) VALUES {insert}
            ON CONFLICT (user_id) DO UPDATE SET {name} = excluded.{name}, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public static class UserPreferencesStoreExtensions
{
    /// <summary>The one <see cref="UserPreferencesStore"/> (the theme and the language registrations both resolve to it).</summary>
    public static IServiceCollection AddUserPreferencesStore(this IServiceCollection services)
    {
        services.TryAddSingleton<UserPreferencesStore>();
        return services;
    }
}
