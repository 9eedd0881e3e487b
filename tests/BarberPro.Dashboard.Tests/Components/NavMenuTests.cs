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
}
