namespace BarberPro.Dashboard.Components.Layout;

/// <summary>
/// What the layout needs to know about the page the router shows (one per circuit or request): whether it uses
/// MudBlazor's popovers, dialogs or snackbars (<see cref="NoPopupsAttribute"/>). Routes.razor sets it while it renders
/// the page, before the layout renders: a cascading value would cost every circuit one more component.
/// </summary>
public sealed class ShellPage
{
    /// <summary>The page shown uses no popover, dialog or snackbar: the layout leaves their providers out.</summary>
    public bool NoPopups { get; private set; }

    /// <summary>The page's own words come from the resource files (both languages); a page not converted yet is in
    /// English whatever the user's language, and the layout marks it so (lang="en") for screen readers.</summary>
    public bool Localized { get; private set; }

    /// <summary>The features whose pages read every word from the resources (issue 10 item 6).</summary>
    private static readonly string[] s_localizedNamespaces =
    [
        "BarberPro.Dashboard.Checklists",
        "BarberPro.Dashboard.Costs",
        "BarberPro.Dashboard.Capacity",
        "BarberPro.Dashboard.Bookings",
        "BarberPro.Dashboard.Live",
        "BarberPro.Dashboard.Alerts",
        "BarberPro.Dashboard.Incidents",
        "BarberPro.Dashboard.Reports",
        "BarberPro.Dashboard.Components.Pages",
        "BarberPro.Dashboard.Admin",
    ];

    /// <summary>Called by the router's Found template with the page about to render.</summary>
    public void Show(Type page)
    {
        ArgumentNullException.ThrowIfNull(page);
        NoPopups = NoPopupsAttribute.IsOn(page);
        Localized = s_localizedNamespaces.Contains(page.Namespace, StringComparer.Ordinal);
    }
}
