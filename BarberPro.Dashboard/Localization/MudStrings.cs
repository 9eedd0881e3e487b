namespace BarberPro.Dashboard.Localization;

/// <summary>MudBlazor's own texts (pager, data grid, date picker…) in both languages, read by <see cref="DashboardMudLocalizer"/>.</summary>
public sealed class MudStrings;
