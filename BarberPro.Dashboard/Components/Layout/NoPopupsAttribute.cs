using System.Collections.Concurrent;

namespace BarberPro.Dashboard.Components.Layout;

/// <summary>
/// Marks a page that uses no MudBlazor popover (menu, select, tooltip, picker), dialog or snackbar: the layout then
/// renders no <c>MudPopoverProvider</c>, <c>MudDialogProvider</c> or <c>MudSnackbarProvider</c>, three components and
/// their script registrations fewer in each of its circuits. For the live pages, which many people keep open. A page
/// without it gets all three, so a new page's MudBlazor components work without knowing about this.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoPopupsAttribute : Attribute
{
    private static readonly ConcurrentDictionary<Type, bool> s_pages = new();

    /// <summary>Whether <paramref name="page"/> carries the attribute (looked up once per page type).</summary>
    public static bool IsOn(Type page) => s_pages.GetOrAdd(page, static t => t.IsDefined(typeof(NoPopupsAttribute), inherit: false));
}
