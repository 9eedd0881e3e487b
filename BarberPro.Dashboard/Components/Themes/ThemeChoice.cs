namespace BarberPro.Dashboard.Components.Themes;

/// <summary>A user's choice of theme; <see cref="System"/> follows the browser's light/dark preference.</summary>
public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

public static class ThemeChoices
{
    /// <summary>The value stored in <c>dashboard.user_preferences.theme</c>.</summary>
    public static string ToStored(this ThemeChoice choice) => choice switch
    {
        ThemeChoice.Light => "light",
        ThemeChoice.Dark => "dark",
        _ => "system",
    };

    /// <summary>Reads a stored value; anything unknown is <see cref="ThemeChoice.System"/>.</summary>
    public static ThemeChoice FromStored(string? stored) => stored switch
    {
        "light" => ThemeChoice.Light,
        "dark" => ThemeChoice.Dark,
        _ => ThemeChoice.System,
    };

    /// <summary>Whether the page is dark for this choice, given what the browser prefers.</summary>
    public static bool IsDark(this ThemeChoice choice, bool browserPrefersDark) => choice switch
    {
        ThemeChoice.Light => false,
        ThemeChoice.Dark => true,
        _ => browserPrefersDark,
    };
}
