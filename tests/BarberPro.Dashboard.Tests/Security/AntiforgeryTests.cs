using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// Every form of the dashboard, posted as a forged page would post it: every field the real page renders, but no
/// antiforgery token. Each is refused with 400 before its endpoint runs, and nothing in the database changes.
/// </summary>
public sealed class AntiforgeryTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    public const string Victim = "forgery-victim@test.local";

    [Theory]
    [InlineData("/", "form[action='/account/logout']")]
    public async Task AFormPostedWithoutItsToken_IsRefused_AndNothingIsWritten(string page, string selector)
    {
        var victim = await EnsureVictimAsync();
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var form = HtmlForm.Find(await admin.Http.GetStringAsync(page), selector.Replace("{victim}", victim, StringComparison.Ordinal), page);
        Assert.Contains(form.Fields, f => f.Key == HtmlForm.TokenField);
        var forged = form.WithoutToken();
        if (selector.Contains("/items", StringComparison.Ordinal))
        {
            forged = forged.With("Title", "Forged item");
        }

        var before = await DatabaseFingerprint.TakeAsync(factory.Database.ConnectionString);
        var response = await admin.Http.PostAsync(form.Action, forged.Content());
        var after = await DatabaseFingerprint.TakeAsync(factory.Database.ConnectionString);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SigningOut_WithItsToken_Works_SoTheRefusalAboveIsTheTokens()
    {
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var form = HtmlForm.Find(await admin.Http.GetStringAsync("/"), "form[action='/account/logout']", "/");
        var response = await admin.Http.PostAsync(form.Action, form.Content());
        Assert.Equal("/account/login", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task TheRefusal_SaysWhyInPlainWords()
    {
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var response = await admin.Http.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(AntiforgeryGuard.RefusedMessage, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/")).StatusCode);
    }

    private async Task<string> EnsureVictimAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        if (await users.FindByEmailAsync(Victim) is { } existing)
        {
            return existing.Id;
        }
        await factory.CreateUserAsync(Victim, Roles.Operator);
        return (await users.FindByEmailAsync(Victim))!.Id;
    }
}
