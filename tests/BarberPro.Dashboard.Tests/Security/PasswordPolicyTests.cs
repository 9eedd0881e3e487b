using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>OWASP ASVS 5: a length floor of 12, long passphrases welcome, no composition rules.</summary>
public sealed class PasswordPolicyTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(200)]
    public async Task Passwords_OfTwelveCharactersOrMore_WithoutCompositionRules_AreAccepted(int length)
    {
        var email = $"len{length}@test.local";
        var password = new string('a', length - 11) + " horse staple";
        using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var created = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Role"] = Roles.Viewer, ["Password"] = password[..length],
        }));
        Assert.Equal("/admin/users?result=created", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.PostLoginAsync(factory.CreateBrowser().Http, email, password[..length])).StatusCode);
    }

    [Fact]
    public async Task APasswordOfElevenCharacters_IsRefused_AndNoUserIsCreated()
    {
        using var admin = await factory.SignInAsync(DashboardFactory.AdminEmail, factory.AdminPassword);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = "short@test.local", ["Role"] = Roles.Viewer, ["Password"] = "elevenchars",
        }));
        Assert.Equal("/admin/users?result=weak-password", response.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync("short@test.local"));
    }

}
