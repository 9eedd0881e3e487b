using BarberPro.Core.Persistence;
using BarberPro.Dashboard.Components.Themes;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Localization;

/// <summary>The one store of a user's preferences against the real PostgreSQL: the theme and the language share one row,
/// and saving one never overwrites the other.</summary>
public sealed class UserPreferencesStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("prefs");
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        await using var user = _dataSource.CreateCommand("""
            INSERT INTO dashboard.users ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "CreatedAt", "IsDisabled")
            VALUES ('u1', 'u1@test', 'U1@TEST', 'u1@test', 'U1@TEST', true, false, false, false, 0, 'U1', now(), false)
            """);
        await user.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheThemeAndTheLanguage_ShareOneRow_AndNeitherOverwritesTheOther()
    {
        var store = new UserPreferencesStore(_dataSource, TimeProvider.System);
        Assert.Equal(ThemeChoice.System, await store.GetThemeAsync("u1", CancellationToken.None));
        Assert.Null(await store.GetLanguageAsync("u1", CancellationToken.None));

        await store.SetLanguageAsync("u1", "es-AR", CancellationToken.None);
        Assert.Equal(ThemeChoice.System, await store.GetThemeAsync("u1", CancellationToken.None));
        await store.SetThemeAsync("u1", ThemeChoice.Dark, CancellationToken.None);
        Assert.Equal("es-AR", await store.GetLanguageAsync("u1", CancellationToken.None));
        await store.SetLanguageAsync("u1", "en", CancellationToken.None);

        Assert.Equal(ThemeChoice.Dark, await store.GetThemeAsync("u1", CancellationToken.None));
        Assert.Equal("en", await store.GetLanguageAsync("u1", CancellationToken.None));
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM dashboard.user_preferences WHERE user_id = 'u1'");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetLanguageAsync("u1", "klingon", CancellationToken.None));
    }
}
