using BarberPro.Core.Security;
using BarberPro.Dashboard.Components.Layout;
using Bunit;

namespace BarberPro.Dashboard.Tests.Components;

/// <summary>The drawer shows each role the pages its rules open, exactly as the server's rules are.</summary>
public sealed class NavMenuTests : ComponentTestContext
{
    [Theory]
    [InlineData(Roles.Viewer, new[] { "/", "/alerts", "/incidents", "/checklists", "/bookings", "/reports", "/wall" })]
    [InlineData(Roles.Operator, new[] { "/", "/alerts", "/incidents", "/checklists", "/bookings", "/reports", "/wall" })]
    [InlineData(Roles.Manager, new[] { "/", "/alerts", "/incidents", "/checklists", "/bookings", "/reports", "/costs", "/capacity", "/wall" })]
    [InlineData(Roles.Admin, new[] { "/", "/alerts", "/incidents", "/checklists", "/bookings", "/reports", "/costs", "/capacity", "/admin/users", "/wall" })]
    public void ShowsTheLinksOfTheRole(string role, string[] expected)
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, User(role)));

        var links = menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray();

        Assert.Equal(expected, links);
    }

    [Fact]
    public void WithoutAUser_ShowsNoRoleLinks()
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, null));

        var links = menu.FindAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray();

        Assert.Equal(new[] { "/", "/alerts", "/incidents", "/checklists", "/bookings", "/reports", "/wall" }, links);
    }

    /// <summary>The link of the page shown is marked (NavLink's rule: the path, or a path below it; "/" only itself).</summary>
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/checklists/history", "/checklists")]
    [InlineData("/reports/42", "/reports")]
    [InlineData("/wall", "/wall")]
    [InlineData("/account/login", null)]
    public void MarksTheLinkOfThePageShown(string path, string? expected)
    {
        var menu = Render<NavMenu>(p => p.Add(m => m.User, User(Roles.Admin)).Add(m => m.Path, path));

        var current = menu.FindAll("a[aria-current=page]").Select(a => a.GetAttribute("href")).ToArray();
        var active = menu.FindAll("a.active").Select(a => a.GetAttribute("href")).ToArray();

        Assert.Equal(expected is null ? [] : [expected], current);
        Assert.Equal(current, active);
    }
}
