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

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("Password1234")]
    [InlineData("qwertyuiop12")]
    [InlineData("monkey123456!")]
    public async Task ACommonOrBreachedPassword_IsRefused_SayingWhy_AndNoUserIsCreated(string password)
    {
        var email = $"common-{Guid.NewGuid():N}@test.local";
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync("/admin/users/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = email, ["Role"] = Roles.Viewer, ["Password"] = password,
        }));
        Assert.Equal("/admin/users?result=common-password", response.Headers.Location?.OriginalString);
        Assert.Contains("This password is too common; choose another.",
            await admin.Http.GetStringAsync(response.Headers.Location!.OriginalString), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task ACommonPassword_IsRefusedOnReset_Too()
    {
        var email = $"reset-common-{Guid.NewGuid():N}@test.local";
        await factory.CreateUserAsync(email, Roles.Viewer);
        string id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email))!.Id;
        }
        using var admin = await factory.SignInAsRoleAsync(Roles.Admin);
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(admin.Http, "/admin/users");
        var response = await admin.Http.PostAsync($"/admin/users/{id}/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Password"] = "iloveyou1234",
        }));
        Assert.Equal("/admin/users?result=common-password", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public void TheShippedList_IsLarge_AndLeavesPassphrasesAlone()
    {
        Assert.True(BarberPro.Dashboard.Security.CommonPasswordValidator.IsCommon("dragon"));
        Assert.False(BarberPro.Dashboard.Security.CommonPasswordValidator.IsCommon("staple battery horse correct lamp"));
        Assert.False(BarberPro.Dashboard.Security.CommonPasswordValidator.IsCommon("pw-" + Guid.NewGuid().ToString("N")));
    }
}
