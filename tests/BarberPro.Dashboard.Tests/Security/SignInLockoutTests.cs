using System.Net;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Security;

/// <summary>
/// The lockout and the per-client throttle with their real defaults (5 failures, 15 minutes, 20 attempts a minute per
/// client: the base factory lifts the last, this one puts it back), on a clock the test moves, with a client address
/// per simulated machine. Also: what a password typed into the e-mail field leaves in the log and the audit.
/// </summary>
public sealed class SignInLockoutTests(SignInLockoutTests.Factory factory) : IClassFixture<SignInLockoutTests.Factory>
{
    public sealed class Factory : DashboardFactory
    {
        public ManualTimeProvider Clock { get; } = new();

        public CapturingLoggerProvider Log { get; } = new();

        // Puts back the default the base factory lifts to 100,000 (TheDefaults... checks it is appsettings.json's).
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:LoginAttemptsPerMinutePerClient"] = new SecurityOptions().LoginAttemptsPerMinutePerClient.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Log).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>();
            });
        }
    }

    [Fact]
    public void TheDefaults_AreFiveFailures_FifteenMinutes_TwentyAttemptsPerClient()
    {
        var options = factory.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        Assert.Equal(5, options.LockoutMaxFailures);
        Assert.Equal(TimeSpan.FromMinutes(15), options.LockoutDuration);
        Assert.Equal(20, options.LoginAttemptsPerMinutePerClient);
        Assert.Equal(10, options.LoginAttemptsPerMinutePerAccount);
        var environment = factory.Services.GetRequiredService<IWebHostEnvironment>();
        using var stream = environment.ContentRootFileProvider.GetFileInfo("appsettings.json").CreateReadStream();
        var security = System.Text.Json.JsonDocument.Parse(stream).RootElement.GetProperty("Security");
        Assert.Equal(5, security.GetProperty("LockoutMaxFailures").GetInt32());
        Assert.Equal("00:15:00", security.GetProperty("LockoutDuration").GetString());
        Assert.Equal(20, security.GetProperty("LoginAttemptsPerMinutePerClient").GetInt32());
    }

    [Fact]
    public async Task FiveFailures_LockTheAccountForThatClient_ForFifteenMinutes_AndNotForAnotherClient()
    {
        var email = $"lock-{Guid.NewGuid():N}@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        var attacker = Client("10.1.0.1");
        var owner = Client("10.1.0.2");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(attacker, email, "wrong-password-" + i)).StatusCode);
        }

        // Locked for the attacker's address: even the right password is refused, with the usual message.
        var locked = await PostAsync(attacker, email, password);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains(AccountEndpoints.FailureMessage, await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The owner, elsewhere, is not locked out by the attacker.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(owner, email, password)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(attacker, email, password)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(attacker, email, password)).StatusCode);
    }

    [Fact]
    public async Task EachFurtherLock_LastsTwiceAsLong()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), SignInLockouts.LockDuration(TimeSpan.FromMinutes(15), 0));
        Assert.Equal(TimeSpan.FromMinutes(30), SignInLockouts.LockDuration(TimeSpan.FromMinutes(15), 1));
        Assert.Equal(TimeSpan.FromMinutes(60), SignInLockouts.LockDuration(TimeSpan.FromMinutes(15), 2));
        Assert.Equal(TimeSpan.FromHours(24), SignInLockouts.LockDuration(TimeSpan.FromMinutes(15), 30));

        // Through the store, so that the per-account window (10 a minute, real time) does not refuse first.
        var lockouts = factory.Services.GetRequiredService<SignInLockouts>();
        var account = "user:backoff-" + Guid.NewGuid().ToString("N");
        var start = factory.Clock.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(await lockouts.RecordFailureAsync(account, "10.2.0.1", CancellationToken.None));
        }
        Assert.Equal(start + TimeSpan.FromMinutes(15), await lockouts.RecordFailureAsync(account, "10.2.0.1", CancellationToken.None));
        Assert.Null(await lockouts.LockedUntilAsync(account, "10.2.0.2", CancellationToken.None));
        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Null(await lockouts.LockedUntilAsync(account, "10.2.0.1", CancellationToken.None));
        for (var i = 0; i < 4; i++)
        {
            await lockouts.RecordFailureAsync(account, "10.2.0.1", CancellationToken.None);
        }
        var second = factory.Clock.GetUtcNow();
        Assert.Equal(second + TimeSpan.FromMinutes(30), await lockouts.RecordFailureAsync(account, "10.2.0.1", CancellationToken.None));
        Assert.Equal(second + TimeSpan.FromMinutes(30), await lockouts.LockedUntilAsync(account, "10.2.0.1", CancellationToken.None));
    }

    [Fact]
    public async Task APasswordReset_LiftsEveryLockOfTheAccount()
    {
        var email = $"reset-{Guid.NewGuid():N}@test.local";
        await factory.CreateUserAsync(email, Roles.Viewer);
        var attacker = Client("10.3.0.1");
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(attacker, email, "wrong-password-" + i);
        }
        Assert.Equal(1L, await CountLockedAsync(email));

        string id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            id = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DashboardUser>>().FindByEmailAsync(email))!.Id;
        }
        await AdminActions.ResetPasswordAsync(factory, id, "a brand new long passphrase");
        Assert.Equal(0L, await CountLockedAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(attacker, email, "a brand new long passphrase")).StatusCode);
    }

    [Fact]
    public async Task TheUnlockCommand_LiftsTheLock_WithoutASignedInAdmin()
    {
        var email = $"unlock-{Guid.NewGuid():N}@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Admin);
        var attacker = Client("10.6.0.1");
        for (var i = 0; i < 5; i++)
        {
            await PostAsync(attacker, email, "wrong-password-" + i);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(attacker, email, password)).StatusCode);

        using var output = new StringWriter();
        Assert.True(await UnlockCommand.UnlockAsync(factory.Services, email, output, CancellationToken.None));
        Assert.Equal($"{email}: 1 client lock(s) lifted; the account can sign in from anywhere.", output.ToString().Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(attacker, email, password)).StatusCode);
        Assert.False(await UnlockCommand.UnlockAsync(factory.Services, "nobody@test.local", TextWriter.Null, CancellationToken.None));
    }

    [Fact]
    public async Task OneClient_GetsTwentyAttemptsAMinute_Then429_WhileAnotherClientIsServed()
    {
        var noisy = Client("10.4.0.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            // A different account each time, so that only the per-client window can refuse; no password, so that no
            // attempt costs a hash (the window counts every attempt, well-formed or not).
            statuses.Add((await PostAsync(noisy, $"spray-{i}-{Guid.NewGuid():N}@test.local", "")).StatusCode);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 20), statuses.Take(20));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Client("10.4.0.2"), "other@test.local", "some-long-guess")).StatusCode);
    }

    [Fact]
    public async Task APasswordTypedIntoTheEmailField_IsNeitherLoggedNorAudited()
    {
        const string secret = "Tr0ub4dor-and-a-long-tail-9731";
        var client = Client("10.5.0.1");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, secret, secret + "-x")).StatusCode);
        var email = $"logged-{Guid.NewGuid():N}@test.local";
        var password = await factory.CreateUserAsync(email, Roles.Viewer);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, email, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, email, password)).StatusCode);

        var log = factory.Log.Lines.ToList();
        Assert.Contains(log, line => line.Contains("sign-in-failed", StringComparison.Ordinal) && line.Contains("unknown-", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("sign-in ", StringComparison.Ordinal) && line.Contains(email, StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(log, line => line.Contains(password, StringComparison.Ordinal));

        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', kind, actor, subject, remote_ip, detail) FROM dashboard.security_audit
            UNION ALL SELECT concat_ws('|', account, client) FROM dashboard.sign_in_lockouts
            """, connection);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }
        Assert.Contains(rows, r => r.StartsWith("sign-in-failed|unknown-", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(secret, StringComparison.OrdinalIgnoreCase) || r.Contains(password, StringComparison.Ordinal));
    }

    private TestBrowser Client(string address)
    {
        var browser = factory.CreateBrowser();
        browser.Http.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        return browser;
    }

    private static Task<HttpResponseMessage> PostAsync(TestBrowser browser, string email, string password) =>
        DashboardFactory.PostLoginAsync(browser.Http, email, password);

    private async Task<long> CountLockedAsync(string email)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM dashboard.sign_in_lockouts l JOIN dashboard.users u ON l.account = 'user:' || u."Id"
            WHERE u."Email" = @e AND l.locked_until > @now
            """, connection);
        command.Parameters.AddWithValue("e", email);
        command.Parameters.AddWithValue("now", factory.Clock.GetUtcNow());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
