using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace BarberPro.Dashboard.Components.Layout;

/// <summary>
/// The drawer's HTML (<see cref="NavMenu"/>): one string per (links the role sees, link of the page shown, UI culture), built on first
/// use and shared by every circuit and request.
/// </summary>
public static class NavMenuMarkup
{
    private sealed record Link(string Href, string Icon, string TextKey, string MinimumRole, bool Exact = false);

    private static readonly Link[] s_links =
    [
        new("/", Icons.Material.Filled.Dashboard, "Nav_Overview", Roles.Viewer, Exact: true),
        new("/alerts", Icons.Material.Filled.NotificationsActive, "Nav_Alerts", Roles.Viewer),
        new("/incidents", Icons.Material.Filled.ReportProblem, "Nav_Incidents", Roles.Viewer),
        new("/checklists", Icons.Material.Filled.Checklist, "Nav_Checklists", Roles.Viewer),
        new("/bookings", Icons.Material.Filled.EventNote, "Nav_Bookings", Roles.Viewer),
        new("/reports", Icons.Material.Filled.Assessment, "Nav_Reports", Roles.Viewer),
        new("/costs", Icons.Material.Filled.Payments, "Nav_Costs", Roles.Manager),
        new("/capacity", Icons.Material.Filled.TrendingUp, "Nav_Capacity", Roles.Manager),
        new("/admin/users", Icons.Material.Filled.ManageAccounts, "Nav_Users", Roles.Admin),
        new("/wall", Icons.Material.Filled.Tv, "Shell_WallMode", Roles.Viewer),
    ];

    private static readonly ConcurrentDictionary<(bool Manager, bool Admin, int Current, string Language), MarkupString> s_menus = new();

    /// <summary>The menu for <paramref name="user"/> with the link of <paramref name="path"/> marked, in the language of
    /// the current UI culture (<paramref name="strings"/> reads it).</summary>
    public static MarkupString For(ClaimsPrincipal? user, string? path, IStringLocalizer<Strings> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var manager = Roles.IsAtLeast(user, Roles.Manager);
        var admin = Roles.IsAtLeast(user, Roles.Admin);
        var current = Array.FindIndex(s_links, link => IsCurrent(path ?? "/", link.Href, link.Exact));
        var language = CultureInfo.CurrentUICulture.Name;
        return s_menus.GetOrAdd((manager, admin, current, language), key => Build(key.Manager, key.Admin, key.Current, strings));
    }

    /// <summary>NavLink's rule: the path itself, or (unless exact) a path below it ("/checklists/history").</summary>
    internal static bool IsCurrent(string path, string href, bool exact) =>
        string.Equals(path, href, StringComparison.OrdinalIgnoreCase)
        || (!exact && path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase));

    private static MarkupString Build(bool manager, bool admin, int current, IStringLocalizer<Strings> strings)
    {
        var html = new StringBuilder("<nav class=\"mud-navmenu mud-navmenu-default\" aria-label=\"")
            .Append(HtmlEncoder.Default.Encode(strings["Shell_Pages"])).Append("\" data-testid=\"nav-menu\">");
        for (var i = 0; i < s_links.Length; i++)
        {
            var link = s_links[i];
            if ((link.MinimumRole == Roles.Manager && !manager) || (link.MinimumRole == Roles.Admin && !admin))
            {
                continue;
            }
            var on = i == current;
            html.Append("<div class=\"mud-nav-item\"><a href=\"").Append(HtmlEncoder.Default.Encode(link.Href))
                .Append(on ? "\" class=\"mud-nav-link active\" aria-current=\"page\">" : "\" class=\"mud-nav-link\">")
                .Append(ShellIcon.Svg(link.Icon, "mud-nav-link-icon mud-nav-link-icon-default").Value)
                .Append("<div class=\"mud-nav-link-text\">").Append(HtmlEncoder.Default.Encode(strings[link.TextKey])).Append("</div></a></div>");
        }
        return new MarkupString(html.Append("</nav>").ToString());
    }
}
