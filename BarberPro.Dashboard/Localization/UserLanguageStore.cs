namespace BarberPro.Dashboard.Localization;

/// <summary>
/// Each user's stored language (an interface so that component and endpoint tests can fake it). Stored beside the
/// theme in the user's one preferences row, by the one store of preferences
/// (<see cref="Components.Themes.UserPreferencesStore"/>).
/// </summary>
public interface IUserLanguageStore
{
    /// <summary>The user's language (one of <see cref="Languages.All"/>), or null when the user never chose one.</summary>
    Task<string?> GetLanguageAsync(string userId, CancellationToken cancellationToken);

    Task SetLanguageAsync(string userId, string language, CancellationToken cancellationToken);
}
