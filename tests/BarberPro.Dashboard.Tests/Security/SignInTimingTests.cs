using System.Diagnostics;
using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// A locked account must not answer faster than an unknown one, or the lockout tells which accounts exist (the
/// red-team run measured 4–6 ms against 212–315 ms). This test is statistical by nature: it compares the medians of
/// 11 interleaved tries of each kind, after a warm-up, so that a busy machine slows both kinds alike; each try costs
/// one PBKDF2 hash (about 0.1–0.3 s here), so a difference of 20 % between medians is far from noise and far below the
/// 40–60× the lockout showed before.
/// </summary>
public sealed class SignInTimingTests(SignInTimingTests.Factory factory) : IClassFixture<SignInTimingTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:LoginAttemptsPerMinutePerAccount"] = "100000",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>());
        }
    }

    [Fact]
    public async Task ALockedAccount_AnswersAsSlowlyAsAnUnknownOne()
    {
        const int tries = 11;
        var email = $"timed-{Guid.NewGuid():N}@test.local";
        await factory.CreateUserAsync(email, Roles.Viewer);
        using var client = factory.CreateBrowser();
        client.Http.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "10.9.0.1");
        for (var i = 0; i < 5; i++)
        {
            await DashboardFactory.PostLoginAsync(client.Http, email, "wrong-password-" + i);
        }
        var token = await DashboardFactory.GetAntiforgeryTokenAsync(client.Http, "/account/login");

        var locked = new List<double>();
        var unknown = new List<double>();
        for (var i = -1; i < tries; i++)
        {
            var knownTime = await TimeAsync(client.Http, token, email);
            var unknownTime = await TimeAsync(client.Http, token, $"nobody-{Guid.NewGuid():N}@test.local");
            if (i >= 0)
            {
                locked.Add(knownTime);
                unknown.Add(unknownTime);
            }
        }
        var lockedMedian = Median(locked);
        var unknownMedian = Median(unknown);
        Assert.True(Math.Abs(lockedMedian - unknownMedian) <= 0.2 * Math.Max(lockedMedian, unknownMedian),
            $"median of a locked known account {lockedMedian:0.0} ms, of an unknown account {unknownMedian:0.0} ms");
    }

    private static async Task<double> TimeAsync(HttpClient client, string token, string email)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = email,
            ["Password"] = "not-the-password-either",
        }));
        watch.Stop();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
