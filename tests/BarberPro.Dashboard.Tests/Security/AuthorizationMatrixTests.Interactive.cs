using System.Reflection;
using System.Security.Claims;
using BarberPro.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// Interactive navigation: once a circuit runs, moving to another interactive page does not reach that page's endpoint;
/// the router's <c>AuthorizeRouteView</c> decides, from the page's own [Authorize]/[AllowAnonymous] attributes and the
/// circuit's authentication state. A page without [Authorize] would be open to every role there, whatever its endpoint
/// says (the fallback policy applies to endpoints only). So each interactive page's attributes, evaluated as
/// <c>AuthorizeRouteView</c> evaluates them, must give the matrix's answer for every role. Pages excluded from
/// interactive routing are reloaded in full, i.e. reach their endpoint, which the HTTP matrix covers.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string, string?> InteractivePageCases()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var row in Matrix)
        {
            var (method, pattern, lowest) = ((string)row[0], (string)row[1], (string)row[3]);
            if (method == "GET" && InteractivePage(pattern) is not null)
            {
                data.Add(pattern, lowest, null);
                foreach (var role in Roles.All)
                {
                    data.Add(pattern, lowest, role);
                }
            }
        }
        return data;
    }

    [Fact]
    public void EveryInteractivePage_HasARowInTheMatrix()
    {
        var rows = Matrix.Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);
        var pages = InteractivePages().ToArray();

        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Contains(p.Route, rows));
    }

    [Theory]
    [MemberData(nameof(InteractivePageCases))]
    public async Task InteractiveNavigation_ToAPage_GivesTheSameAnswerAsItsEndpoint(string pattern, string lowest, string? role)
    {
        var page = InteractivePage(pattern)!;
        var allowed = lowest == Anyone || (role is not null && Roles.AtLeast(lowest).Contains(role));
        var user = role is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test"));

        Assert.Equal(allowed, await AuthorizeRouteViewAllowsAsync(page, user));
    }

    /// <summary>What AuthorizeRouteView (AuthorizeViewCore) does: no [Authorize] or an [AllowAnonymous] lets anyone in;
    /// otherwise the combined policy of the page's [Authorize] attributes is evaluated for the circuit's user.</summary>
    private async Task<bool> AuthorizeRouteViewAllowsAsync(Type page, ClaimsPrincipal user)
    {
        var attributes = page.GetCustomAttributes(inherit: true);
        var authorizeData = attributes.OfType<IAuthorizeData>().ToArray();
        if (authorizeData.Length == 0 || attributes.OfType<IAllowAnonymous>().Any())
        {
            return true;
        }
        var policy = await AuthorizationPolicy.CombineAsync(
            factory.Services.GetRequiredService<IAuthorizationPolicyProvider>(), authorizeData);
        return (await factory.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, null, policy!)).Succeeded;
    }

    private static Type? InteractivePage(string pattern) =>
        InteractivePages().Where(p => p.Route == pattern).Select(p => p.Page).FirstOrDefault();

    private static IEnumerable<(string Route, Type Page)> InteractivePages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t)));
}
