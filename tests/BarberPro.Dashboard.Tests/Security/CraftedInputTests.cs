using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>Crafted input is a clear 4xx (never a 500), and a request that answers with an error writes nothing.</summary>
public sealed class CraftedInputTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/checklists\r\nSet-Cookie: x=1")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    public async Task ACraftedReturnUrl_StillSignsIn_AndGoesToTheOverview(string returnUrl)
    {
        var email = $"return-{Guid.NewGuid():N}@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var browser = factory.CreateBrowser();
        var page = HtmlForm.Find(await browser.Http.GetStringAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)),
            "form[action='/account/login']", "/account/login");
        var response = await browser.Http.PostAsync("/account/login",
            page.With("Email", email).With("Password", password).With("ReturnUrl", returnUrl).Content());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);
    }

    /// <summary>
    /// The posts of the red-team run that carried only a valid token: the sign-in form's (the checklist and user forms
    /// went with their endpoints: those pages are components now; the users page's empty changes are refused by
    /// UserAdministrationTests).
    /// </summary>
    [Theory]
    [InlineData("/account/login", "form[action='/account/login']", 400)]
    public async Task APostCarryingOnlyItsToken_IsRefusedClearly_AndWritesNothing(string page, string selector, int status)
    {
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var form = HtmlForm.Find(await admin.Http.GetStringAsync(page), selector, page).OnlyToken();
        Assert.Single(form.Fields);
        var before = await DatabaseFingerprint.TakeAsync(factory.Database.ConnectionString);
        var response = await admin.Http.PostAsync(form.Action, form.Content());
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(before, await DatabaseFingerprint.TakeAsync(factory.Database.ConnectionString));
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    public async Task ACostMonthOutOfRange_Is400_WithTheReason(string month)
    {
        using var manager = await factory.SignInAsRoleAsync(Roles.Manager);
        var response = await manager.Http.GetAsync("/costs?month=" + month);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The month must be between 2000-01 and", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
