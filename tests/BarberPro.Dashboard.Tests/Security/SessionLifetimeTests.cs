using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// How a session ends besides logout and disabling (SignInSecurityTests): a password reset, the idle limit (1 h) and
/// the absolute lifetime (24 h), with the defaults of appsettings.json and a manual clock.
/// </summary>
public sealed class SessionLifetimeTests(ClockedDashboardFactory factory) : IClassFixture<ClockedDashboardFactory>
{
    [Fact]
    public async Task APasswordReset_EndsEveryOpenSessionOfThatUser()
    {
        const string email = "reset-me@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Operator);
        using var laptop = await factory.SignInAsync(email, password);
        using var phone = await factory.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/")).StatusCode);

        const string newPassword = "a brand new passphrase";
        await AdminActions.ResetPasswordAsync(factory, await UserIdAsync(email), newPassword);

        AssertSentToSignIn(await laptop.Http.GetAsync("/"));
        AssertSentToSignIn(await phone.Http.GetAsync("/"));
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardFactory.PostLoginAsync(factory.CreateBrowser().Http, email, password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardFactory.PostLoginAsync(factory.CreateBrowser().Http, email, newPassword)).StatusCode);
    }

    [Fact]
    public async Task ASessionLeftIdleForMoreThanAnHour_Ends_WhileOneUsedWithinTheHourGoesOn()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        factory.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(61));
        AssertSentToSignIn(await browser.Http.GetAsync("/"));
    }

    [Fact]
    public async Task ASession_Ends24HoursAfterSignIn_HoweverActiveItIs()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        // Active every 50 minutes (never idle) until just before the 24th hour.
        for (var elapsed = TimeSpan.FromMinutes(50); elapsed < TimeSpan.FromHours(24); elapsed += TimeSpan.FromMinutes(50))
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(50));
            Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(50));
        AssertSentToSignIn(await browser.Http.GetAsync("/"));
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>().FindByEmailAsync(email))!.Id;
    }
}
