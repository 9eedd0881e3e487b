using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// Every route of the dashboard with who may use it. A route that exists in the app but not in this table fails
/// <see cref="EveryEndpoint_HasARowInTheMatrix"/>, so no door is added without its rule.
/// </summary>
public sealed partial class AuthorizationMatrixTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private const string Anyone = "anyone";

    /// <summary>Method, route pattern, a concrete path to call, and the lowest role allowed (or Anyone).</summary>
    public static readonly TheoryData<string, string, string, string> Matrix = new()
    {
        { "GET", "/health", "/health", Anyone },
        { "GET", "/ready", "/ready", Anyone },
        { "GET", "/account/login", "/account/login", Anyone },
        { "POST", "/account/login", "/account/login", Anyone },
        { "POST", "/account/logout", "/account/logout", Roles.Viewer },
        { "GET", "/account/denied", "/account/denied", Roles.Viewer },
        { "GET", "/error", "/error", Anyone },
        { "POST", "/error", "/error", Anyone },
        { "GET", "/", "/", Roles.Viewer },
        // Razor component pages also accept form posts (they answer 400 when no form handler is named).
        { "POST", "/", "/", Roles.Viewer },
        { "POST", "/account/denied", "/account/denied", Roles.Viewer },
        { "POST", "/admin/users", "/admin/users", Roles.Admin },
        { "GET", "/admin/users", "/admin/users", Roles.Admin },
        { "GET", "/wall", "/wall", Roles.Viewer },
        { "POST", "/wall", "/wall", Roles.Viewer },
        { "GET", "/api/series", "/api/series?panel=throughput&range=15m", Roles.Viewer },
        { "GET", "/metrics", "/metrics", Anyone },
        // The hub's own endpoint: a plain GET without the WebSocket upgrade still meets authorization first.
        { "GET", "/hubs/live", "/hubs/live", Roles.Viewer },
        { "GET", "/checklists", "/checklists", Roles.Viewer },
        { "POST", "/checklists", "/checklists", Roles.Viewer },
        { "GET", "/checklists/history", "/checklists/history", Roles.Viewer },
        { "POST", "/checklists/history", "/checklists/history", Roles.Viewer },
        { "GET", "/checklists/runs/{RunId}", "/checklists/runs/not-a-run", Roles.Viewer },
        { "POST", "/checklists/runs/{RunId}", "/checklists/runs/not-a-run", Roles.Viewer },
        { "GET", "/checklists/templates", "/checklists/templates", Roles.Manager },
        { "POST", "/checklists/templates", "/checklists/templates", Roles.Manager },
        { "GET", "/hubs/checklists", "/hubs/checklists", Roles.Viewer },
        { "POST", "/preferences/theme", "/preferences/theme", Roles.Viewer },
        { "POST", "/preferences/language", "/preferences/language", Roles.Viewer },
        // The Blazor circuit's own endpoints (its negotiate and socket are covered with the framework's below; its
        // Origin by BlazorOriginTests): under the fallback rule, so only signed-in users with a role reach them.
        { "GET", "/_blazor/initializers/", "/_blazor/initializers/", Roles.Viewer },
        { "GET", "/_blazor/disconnect/", "/_blazor/disconnect/", Roles.Viewer },
        { "GET", "/bookings", "/bookings", Roles.Viewer },
        { "GET", "/alerts", "/alerts", Roles.Viewer },
        { "POST", "/alerts", "/alerts", Roles.Viewer },
        { "GET", "/incidents", "/incidents", Roles.Viewer },
        { "POST", "/incidents", "/incidents", Roles.Viewer },
        { "GET", "/incidents/{Id:long}", "/incidents/1", Roles.Viewer },
        { "POST", "/incidents/{Id:long}", "/incidents/1", Roles.Viewer },
        { "POST", "/bookings", "/bookings", Roles.Viewer },
        { "GET", "/costs", "/costs", Roles.Manager },
        { "POST", "/costs", "/costs", Roles.Manager },
        { "GET", "/costs/export.csv", "/costs/export.csv", Roles.Manager },
        { "GET", "/capacity", "/capacity", Roles.Manager },
        { "POST", "/capacity", "/capacity", Roles.Manager },
        { "GET", "/reports", "/reports", Roles.Viewer },
        { "POST", "/reports", "/reports", Roles.Viewer },
        { "GET", "/reports/{Id:long}", "/reports/1", Roles.Viewer },
        { "POST", "/reports/{Id:long}", "/reports/1", Roles.Viewer },
        { "GET", "/reports/{id:long}.csv", "/reports/1.csv", Roles.Viewer },
        { "GET", "/reports/{id:long}.pdf", "/reports/1.pdf", Roles.Viewer },
    };

    public static TheoryData<string, string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string, string?>();
        foreach (var row in Matrix)
        {
            var (method, path, lowest) = ((string)row[0], (string)row[2], (string)row[3]);
            data.Add(method, path, lowest, null);
            foreach (var role in Roles.All)
            {
                data.Add(method, path, lowest, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_IsAllowedOnlyForItsRoles(string method, string path, string lowest, string? role)
    {
        using var browser = role is null ? factory.CreateBrowser() : await factory.SignInAsRoleAsync(role);
        var allowed = lowest == Anyone || (role is not null && Roles.AtLeast(lowest).Contains(role));

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            // A valid token for this user, so that only authorization can refuse the request.
            var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/account/login");
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        }
        var response = await browser.Http.SendAsync(request);

        var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect
                && response.Headers.Location?.OriginalString is { } location
                && (location.Contains("/account/login?", StringComparison.Ordinal) || location.Contains("/account/denied", StringComparison.Ordinal)));
        Assert.True(allowed != denied,
            $"{method} {path} as {role ?? "anonymous"}: expected {(allowed ? "allowed" : "denied")}, got {(int)response.StatusCode} {response.Headers.Location}");
        // An allowed request must also be served: a 500 is a broken door, not an open one.
        Assert.True(denied || (int)response.StatusCode < 500,
            $"{method} {path} as {role ?? "anonymous"}: allowed but answered {(int)response.StatusCode}");
    }

    [Fact]
    public void EveryEndpoint_HasARowInTheMatrix()
    {
        var known = Matrix.Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        var missing = new List<string>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                if (!known.Contains((method, pattern)) && !IsFrameworkEndpoint(pattern) && !IsStaticAsset(endpoint))
                {
                    missing.Add($"{method} {pattern}");
                }
            }
        }
        Assert.True(missing.Count == 0, "Endpoints without a row in the matrix: " + string.Join(", ", missing.Distinct()));
    }

    /// <summary>
    /// The static assets' rule: public (the sign-in page needs its CSS and scripts before anyone signs in) and answered
    /// before authentication. Their endpoints come from the build's manifest (MapStaticAssets), one per file, name and
    /// encoding, so they are checked by this rule rather than listed.
    /// </summary>
    [Fact]
    public void EveryStaticAssetEndpoint_IsAnonymous_AndShortCircuited()
    {
        var assets = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.Where(IsStaticAsset).ToList();

        Assert.True(assets.Count > 20, $"{assets.Count} static asset endpoints");
        Assert.All(assets, a =>
        {
            Assert.NotNull(a.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>());
            Assert.Contains(a.Metadata, m => m.GetType().Name == "ShortCircuitMetadata"); // internal to ASP.NET Core
            Assert.Null(a.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>());
        });
    }

    private static bool IsStaticAsset(Microsoft.AspNetCore.Http.Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    /// <summary>Endpoints the framework adds that are covered by the row of the page or hub they belong to.</summary>
    private static bool IsFrameworkEndpoint(string pattern) =>
        pattern.EndsWith("/negotiate", StringComparison.Ordinal) || pattern.StartsWith("/_framework", StringComparison.Ordinal)
        || pattern == "/_blazor";
}
