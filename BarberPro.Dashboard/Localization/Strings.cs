namespace BarberPro.Dashboard.Localization;

/// <summary>
/// The dashboard's texts (<c>Strings.resx</c>, English, the neutral resources; <c>Strings.es-AR.resx</c>): read as
/// <c>IStringLocalizer&lt;Strings&gt;</c>. One file for the whole app, each key prefixed by its feature
/// ("Shell_", "Checklists_", …), so that one test checks both languages complete and every key used exists.
/// </summary>
public sealed class Strings;
