using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Security;

public sealed class SignInSecurityTests(SignInSecurityTests.Factory factory) : IClassFixture<SignInSecurityTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:LockoutMaxFailures"] = "3",
            ["Security:LoginAttemptsPerMinutePerAccount"] = "6",
        };
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var browser = factory.CreateBrowser();
        var response = await browser.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = DashboardFactory.AdminEmail,
            ["Password"] = factory.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task WrongPasswords_LockTheAccount_AndTheMessageNeverSaysWhy()
    {
        const string email = "lock-me@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var browser = factory.CreateBrowser();
        var bodies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var wrong = await DashboardFactory.PostLoginAsync(browser.Http, email, "not-the-password-at-all");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            bodies.Add(await wrong.Content.ReadAsStringAsync());
        }

        var right = await DashboardFactory.PostLoginAsync(browser.Http, email, password);
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        // Locked for this client (the in-memory test server's requests have no address: "unknown").
        var account = BarberPro.Dashboard.Security.SignInLockouts.AccountKey((await users.FindByEmailAsync(email))!.Id);
        Assert.NotNull(await factory.Services.GetRequiredService<BarberPro.Dashboard.Security.SignInLockouts>()
            .LockedUntilAsync(account, "unknown", CancellationToken.None));

        var unknown = await DashboardFactory.PostLoginAsync(browser.Http, "nobody-here@test.local", "whatever-password");
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        Assert.All(bodies.Append(await right.Content.ReadAsStringAsync()).Append(unknownBody),
            body => Assert.Contains("The e-mail or password is not right.", body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyAttemptsOnOneAccount_AreAnswered429()
    {
        using var browser = factory.CreateBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await DashboardFactory.PostLoginAsync(browser.Http, "sprayed@test.local", "guess-number-" + i)).StatusCode);
        }
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task CookieReplayedAfterLogout_IsRefused()
    {
        using var browser = await factory.SignInAsRoleAsync(Roles.Operator);
        var cookie = browser.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode);

        var token = await DashboardFactory.GetAntiforgeryTokenAsync(browser.Http, "/");
        var logout = await browser.Http.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = factory.CreateBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await replay.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirOpenSession()
    {
        const string email = "soon-disabled@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Operator);
        using var user = await factory.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/")).StatusCode);

        await AdminActions.DisableAsync(factory, await AdminActions.UserIdAsync(factory, email));

        Assert.Equal(HttpStatusCode.Redirect, (await user.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DashboardFactory.PostLoginAsync(factory.CreateBrowser().Http, email, password)).StatusCode);
    }

    [Fact]
    public async Task RoleChange_ReachesTheUsersNextRequest()
    {
        const string email = "promoted@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var user = await factory.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, (await user.Http.GetAsync("/admin/users")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
            var entity = (await users.FindByEmailAsync(email))!;
            await users.RemoveFromRoleAsync(entity, Roles.Viewer);
            await users.AddToRoleAsync(entity, Roles.Admin);
        }
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task SignIns_AndFailures_AreAudited_WithoutPasswords()
    {
        const string email = "audited@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        using var browser = factory.CreateBrowser();
        await DashboardFactory.PostLoginAsync(browser.Http, email, "definitely-wrong-password");
        await DashboardFactory.PostLoginAsync(browser.Http, email, password);

        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT kind, coalesce(detail, '') FROM dashboard.security_audit WHERE subject = @s ORDER BY id", connection);
        command.Parameters.AddWithValue("s", email);
        var rows = new List<(string Kind, string Detail)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        Assert.Equal(["sign-in-failed", "sign-in"], rows.Select(r => r.Kind));
        Assert.DoesNotContain(rows, r => r.Detail.Contains(password, StringComparison.Ordinal) || r.Detail.Contains("definitely-wrong", StringComparison.Ordinal));
    }
}
