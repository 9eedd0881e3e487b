using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BarberPro.Dashboard.Localization;

/// <summary>
/// MudBlazor's texts (its keys, e.g. <c>MudDataGridPager_RowsPerPage</c>) from <see cref="MudStrings"/> in the
/// circuit's language. In English, and for a key we do not carry, MudBlazor keeps its own English texts
/// (ResourceNotFound tells it to).
/// </summary>
public sealed class DashboardMudLocalizer(IStringLocalizer<MudStrings> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => Languages.IsSpanish(CultureInfo.CurrentUICulture)
        ? strings[key]
        : new LocalizedString(key, key, resourceNotFound: true);
}
