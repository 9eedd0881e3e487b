using System.Security.Claims;
using BarberPro.Core.Persistence;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Admin;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Security;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Admin;

/// <summary>
/// The users page as a component, with the app's user services (<see cref="SecurityExtensions.AddDashboardUsers"/>:
/// Identity, the session store, the lockouts, the audit) on a fresh migrated database, or on a closed port for "the
/// database does not answer"; the signed-in Admin is Ana.
/// </summary>
public sealed class UsersPageTests : IAsyncLifetime
{
    private const string Ana = "ana@barberpro.example";
    private const string Oscar = "oscar@barberpro.example";
    private const string Vera = "vera@barberpro.example";
    private const string Luis = "luis@barberpro.example";
    private const string Firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    // 30 Nov 2026 12:00 UTC = 09:00 ART.
    private static readonly DateTimeOffset s_now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(s_now);
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private BunitContext _context = null!;
    private BunitAuthorizationContext _auth = null!;
    private string _anaId = "";
    private string _oscarId = "";
    private Guid _oscarLaptop;
    private Guid _oscarPhone;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("users");
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        (_context, _auth) = NewContext(_dataSource);

        await using var scope = _context.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }
        _anaId = await AddUserAsync(scope, Ana, "Ana Admin", Roles.Admin);
        _oscarId = await AddUserAsync(scope, Oscar, "Oscar Operator", Roles.Operator);
        var veraId = await AddUserAsync(scope, Vera, "Vera Viewer", Roles.Viewer);
        var luisId = await AddUserAsync(scope, Luis, "Luis Manager", Roles.Manager);

        var sessions = scope.ServiceProvider.GetRequiredService<SessionStore>();
        _clock.Set(s_now - TimeSpan.FromHours(3)); // 06:00 ART
        (_oscarLaptop, _) = await sessions.StartAsync(_oscarId, TimeSpan.FromHours(24), "10.0.0.7", Firefox, CancellationToken.None);
        _clock.Set(s_now - TimeSpan.FromHours(1)); // 08:00 ART
        (_oscarPhone, _) = await sessions.StartAsync(_oscarId, TimeSpan.FromHours(24), "10.0.0.9", Phone, CancellationToken.None);
        _clock.Set(s_now);
        await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync(new UserActor(_anaId, Ana), veraId, true, CancellationToken.None);
        var lockouts = scope.ServiceProvider.GetRequiredService<SignInLockouts>();
        for (var i = 0; i < 5; i++)
        {
            await lockouts.RecordFailureAsync(SignInLockouts.AccountKey(luisId), "10.9.9.9", CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Manager)]
    public async Task AnyoneButAnAdmin_SeesNoUser_AndTheRefusalIsAudited(string role)
    {
        SignIn(role);

        var page = Render();

        Assert.Contains(CircuitAccess.DeniedMessage, page.Find("[data-testid=users-refused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=users-grid]"));
        Assert.Empty(page.FindAll("[data-testid=add-user]"));
        Assert.DoesNotContain(Oscar, page.Markup, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'denied' AND detail IS NULL AND subject = $1",
            $"component action ({Policies.Administer})"));
    }

    [Fact]
    public void AnAdmin_SeesEveryUser_WithRoleStateLastSignInAndOpenSessions_InArgentinaTime()
    {
        SignIn(Roles.Admin);

        var page = Render();

        var rows = page.FindAll("[data-testid=users-grid] tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Equal([Ana, Luis, Oscar, Vera], rows.Select(r => r.QuerySelector("[data-user]")!.GetAttribute("data-user")));
        var oscar = Row(page, Oscar);
        Assert.Equal("Operator", oscar.QuerySelector("[data-role]")!.TextContent);
        Assert.Equal("✔ Enabled", oscar.QuerySelector("[data-standing]")!.TextContent.Trim());
        Assert.Equal("Mon 30 Nov 08:00", oscar.QuerySelector("[data-last-sign-in]")!.TextContent);
        Assert.Equal("2", oscar.QuerySelector("[data-session-count]")!.TextContent);
        Assert.Equal("✖ Disabled", Row(page, Vera).QuerySelector("[data-standing]")!.TextContent.Trim());
        Assert.Equal("never", Row(page, Vera).QuerySelector("[data-last-sign-in]")!.TextContent);
        Assert.Equal("▲ Locked out until Mon 30 Nov 09:15 ART", Row(page, Luis).QuerySelector("[data-standing]")!.TextContent.Trim());
        Assert.Contains("Times in Argentina time (ART).", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndSession_EndsThatSessionThroughTheSessionStore_TheOtherStaysOpen_AndItIsAudited()
    {
        SignIn(Roles.Admin);
        var page = Render();
        await page.Find($"[data-manage='{Oscar}']").ClickAsync(new());
        var sessions = page.FindAll("[data-testid=manage] [data-session]");
        Assert.Equal([_oscarPhone.ToString(), _oscarLaptop.ToString()], sessions.Select(s => s.GetAttribute("data-session")));
        Assert.Equal("Chrome on Android", sessions[0].QuerySelector(".device")!.TextContent);
        Assert.Contains("from 10.0.0.9 · signed in Mon 30 Nov 08:00 ART", sessions[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Firefox on Windows", sessions[1].QuerySelector(".device")!.TextContent);

        await page.Find($"[data-session='{_oscarLaptop}'] [data-testid=end-session]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal([_oscarPhone.ToString()],
            page.FindAll("[data-testid=manage] [data-session]").Select(s => s.GetAttribute("data-session"))));
        Assert.Contains("has ended", page.Find("[data-testid=manage] [data-testid=session-message]").TextContent, StringComparison.Ordinal);
        var store = _context.Services.GetRequiredService<SessionStore>();
        Assert.Null(await store.CheckAsync(_oscarLaptop, CancellationToken.None));
        Assert.NotNull(await store.CheckAsync(_oscarPhone, CancellationToken.None));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM dashboard.sessions WHERE id = $1 AND ended_reason = $2 AND ended_at IS NOT NULL",
            _oscarLaptop, UserAdministration.EndedByAdminReason));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'session-ended' AND actor = $1 AND subject = $2",
            Ana, Oscar));
        Assert.Equal("1", Row(page, Oscar).QuerySelector("[data-session-count]")!.TextContent);
    }

    [Fact]
    public async Task ACircuitWhoseUserIsNoLongerAdmin_SendingEndSessionAnyway_IsRefused_AndTheSessionStaysOpen()
    {
        SignIn(Roles.Admin);
        var page = Render();
        await page.Find($"[data-manage='{Oscar}']").ClickAsync(new());
        SignIn(Roles.Viewer);

        await page.Find($"[data-session='{_oscarLaptop}'] [data-testid=end-session]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(CircuitAccess.DeniedMessage,
            page.Find($"[data-session='{_oscarLaptop}'] [data-testid=session-message]").TextContent.Replace("▲", "", StringComparison.Ordinal).Trim()));
        Assert.NotNull(await _context.Services.GetRequiredService<SessionStore>().CheckAsync(_oscarLaptop, CancellationToken.None));
    }

    [Fact]
    public async Task AnAdmin_ChangesARole_DisablesAndEnables_ButCannotDropTheirOwnAdminRole()
    {
        SignIn(Roles.Admin);
        var page = Render();
        await page.Find($"[data-manage='{Oscar}']").ClickAsync(new());
        page.Find("[data-testid=role-choice]").Change(Roles.Manager);
        await page.Find("[data-testid=role-set]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("Manager", Row(page, Oscar).QuerySelector("[data-role]")!.TextContent));
        Assert.Equal("true", page.Find("[data-testid=role-message]").GetAttribute("data-ok"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'roles-changed' AND actor = $1 AND subject = $2 AND detail = $3",
            Ana, Oscar, "Operator -> Manager"));

        await page.Find("[data-testid=disable]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("✖ Disabled", Row(page, Oscar).QuerySelector("[data-standing]")!.TextContent.Trim()));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM dashboard.sessions WHERE user_id = $1 AND ended_at IS NULL", _oscarId));
        await page.Find("[data-testid=enable]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("✔ Enabled", Row(page, Oscar).QuerySelector("[data-standing]")!.TextContent.Trim()));

        await page.Find($"[data-manage='{Ana}']").ClickAsync(new());
        page.Find("[data-testid=role-choice]").Change(Roles.Viewer);
        await page.Find("[data-testid=role-set]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("You cannot disable yourself or remove your own Admin role.",
            page.Find("[data-testid=role-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal(Roles.Viewer, page.Find("[data-testid=role-choice]").GetAttribute("value"));
        Assert.Equal("Admin", Row(page, Ana).QuerySelector("[data-role]")!.TextContent);
        await page.Find("[data-testid=disable]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("You cannot disable yourself", page.Find("[data-testid=standing-message]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddingAUser_KeepsThePasswordRules_AndANewUserCanBeAddedOnce()
    {
        SignIn(Roles.Admin);
        var page = Render();
        Fill(page, "nora@barberpro.example", "Nora Nueva", Roles.Operator, "zq8-vv");
        await page.Find("[data-testid=add]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("▲ The password must have at least 12 characters.", page.Find("[data-testid=create-message]").TextContent.Trim()));
        Assert.Equal("nora@barberpro.example", page.Find("[data-testid=new-email]").GetAttribute("value"));

        page.Find("[data-testid=new-user-password]").Change("password1234");
        await page.Find("[data-testid=add]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(CommonPasswordValidator.Message, page.Find("[data-testid=create-message]").TextContent, StringComparison.Ordinal));

        page.Find("[data-testid=new-user-password]").Change("a long enough passphrase");
        await page.Find("[data-testid=add]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("Operator", Row(page, "nora@barberpro.example").QuerySelector("[data-role]")!.TextContent));
        Assert.Equal("", page.Find("[data-testid=new-email]").GetAttribute("value"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM dashboard.security_audit WHERE kind = 'user-created' AND actor = $1 AND subject = $2", Ana,
            "nora@barberpro.example"));

        Fill(page, "nora@barberpro.example", "", Roles.Viewer, "another long passphrase");
        await page.Find("[data-testid=add]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("▲ A user with that e-mail already exists.", page.Find("[data-testid=create-message]").TextContent.Trim()));
    }

    /// <summary>What a post carrying nothing but its token did to the old form endpoints: refused, nothing written.</summary>
    [Fact]
    public async Task EmptyChanges_AreRefused_AndWriteNothing()
    {
        await using var scope = _context.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var ana = new UserActor(_anaId, Ana);
        var before = await ScalarAsync("SELECT count(*) FROM dashboard.security_audit");

        Assert.Equal(UserChangeOutcome.Invalid, (await users.CreateAsync(ana, null, null, null, null, CancellationToken.None)).Outcome);
        Assert.Equal(UserChangeOutcome.Invalid, (await users.SetRoleAsync(ana, _oscarId, null, CancellationToken.None)).Outcome);
        Assert.Equal(UserChangeOutcome.WeakPassword, (await users.ResetPasswordAsync(ana, _oscarId, null, CancellationToken.None)).Outcome);
        Assert.Equal(UserChangeOutcome.NotFound, (await users.SetDisabledAsync(ana, "nobody", true, CancellationToken.None)).Outcome);
        Assert.Equal(UserChangeOutcome.NotFound, (await users.EndSessionAsync(ana, _anaId, _oscarLaptop, CancellationToken.None)).Outcome);

        Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM dashboard.security_audit"));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM dashboard.users"));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM dashboard.sessions WHERE ended_at IS NULL"));
    }

    [Fact]
    public async Task WhenTheDatabaseDoesNotAnswer_AnAddIsNotSaved_SaysSoBesideTheButton_AndWhatWasTypedStays()
    {
        await using var down = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        var (context, auth) = NewContext(down);
        await using var disposeContext = context;
        SignIn(Roles.Admin, auth);

        var page = Render(context);
        Assert.Contains("database is not answering", page.Find("[data-testid=users-load-error]").TextContent, StringComparison.Ordinal);
        Fill(page, "nora@barberpro.example", "Nora Nueva", Roles.Manager, "a long enough passphrase");
        await page.Find("[data-testid=add]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("▲ " + SessionOutageGuard.NotSavedMessage, page.Find("[data-testid=create-message]").TextContent.Trim()));
        Assert.Equal("false", page.Find("[data-testid=create-message]").GetAttribute("data-ok"));
        Assert.Equal("nora@barberpro.example", page.Find("[data-testid=new-email]").GetAttribute("value"));
        Assert.Equal("Nora Nueva", page.Find("[data-testid=new-name]").GetAttribute("value"));
        Assert.Equal(Roles.Manager, page.Find("[data-testid=new-role]").GetAttribute("value"));
        Assert.Equal("a long enough passphrase", page.Find("[data-testid=new-user-password]").GetAttribute("value"));
    }

    [Fact]
    public async Task InSpanish_ThePageReadsSpanish_WithTheLastUseOfEachSession_AndAChangeSaidInSpanish()
    {
        using var culture = CultureScope.Use("es-AR");
        // Oscar's phone was last used 10 minutes ago (08:50 ART); his laptop not since the column came.
        _clock.Set(s_now - TimeSpan.FromMinutes(10));
        Assert.True(await new SessionLastSeen(_dataSource, _clock, NullLogger<SessionLastSeen>.Instance).TouchAsync(_oscarPhone, CancellationToken.None));
        _clock.Set(s_now);
        SignIn(Roles.Admin);

        var page = Render();
        await page.Find($"[data-manage='{Oscar}']").ClickAsync(new());

        Assert.Equal("Usuarios y roles", page.Find("h1").TextContent);
        Assert.Equal("✔ Habilitado", Row(page, Oscar).QuerySelector("[data-standing]")!.TextContent.Trim());
        Assert.Equal("nunca", Row(page, Vera).QuerySelector("[data-last-sign-in]")!.TextContent);
        Assert.Equal("▲ Bloqueado hasta lun 30 nov 09:15 ART", Row(page, Luis).QuerySelector("[data-standing]")!.TextContent.Trim());
        var phone = page.Find($"[data-session='{_oscarPhone}']");
        Assert.Equal("Chrome en Android", phone.QuerySelector(".device")!.TextContent);
        Assert.Equal("desde 10.0.0.9 · ingresó lun 30 nov 08:00 ART · termina a más tardar mar 1 dic 08:00 ART", phone.QuerySelector(".meta")!.TextContent);
        Assert.Equal("última actividad lun 30 nov 08:50 ART", phone.QuerySelector("[data-last-seen]")!.TextContent);
        Assert.Equal("sin actividad registrada todavía", page.Find($"[data-session='{_oscarLaptop}'] [data-last-seen]").TextContent);
        Assert.Empty(EnglishWords.In(page.Find("[data-users-root]").TextContent));

        await page.Find($"[data-manage='{Luis}']").ClickAsync(new());
        await page.Find("[data-testid=unlock]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("✔ Luis Manager puede volver a ingresar.", page.Find("[data-testid=standing-message]").TextContent.Trim()));
    }

    /// <summary>
    /// "Last active" is written at most once a minute per session: the same process skips a touch within the minute
    /// without asking the database, another process (its own memory empty) is held back by the UPDATE's own condition,
    /// and an ended session is not written.
    /// </summary>
    [Fact]
    public async Task TheLastUseOfASession_IsStoredAtMostOnceAMinute_AcrossInstances()
    {
        var clock = new ManualTimeProvider(s_now);
        var one = new SessionLastSeen(_dataSource, clock, NullLogger<SessionLastSeen>.Instance);
        var other = new SessionLastSeen(_dataSource, clock, NullLogger<SessionLastSeen>.Instance);

        Assert.True(await one.TouchAsync(_oscarPhone, CancellationToken.None));
        clock.Set(s_now + TimeSpan.FromSeconds(30));
        Assert.False(await one.TouchAsync(_oscarPhone, CancellationToken.None));
        Assert.False(await other.TouchAsync(_oscarPhone, CancellationToken.None));
        Assert.Equal(s_now, await LastSeenAsync(_oscarPhone));

        clock.Set(s_now + TimeSpan.FromSeconds(61));
        Assert.True(await one.TouchAsync(_oscarPhone, CancellationToken.None));
        Assert.Equal(s_now + TimeSpan.FromSeconds(61), await LastSeenAsync(_oscarPhone));

        await _context.Services.GetRequiredService<SessionStore>().EndAsync(_oscarLaptop, "test", CancellationToken.None);
        Assert.False(await one.TouchAsync(_oscarLaptop, CancellationToken.None));
        Assert.Null(await LastSeenAsync(_oscarLaptop));
        var listed = (await _context.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<UserAdministration>().ListAsync(CancellationToken.None))
            .Single(u => u.Email == Oscar).Sessions.Single();
        Assert.Equal((_oscarPhone, s_now + TimeSpan.FromSeconds(61)), (listed.Id, listed.LastSeen));
    }

    private async Task<DateTimeOffset?> LastSeenAsync(Guid session)
    {
        await using var command = _dataSource.CreateCommand("SELECT last_seen_at FROM dashboard.sessions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = session });
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iPhone/iPad")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome (headless) on Linux")]
    [InlineData("curl/8.5.0", "Other program")]
    [InlineData(null, "Unknown browser")]
    public void TheDevice_IsNamedInPlainWords(string? userAgent, string expected) =>
        Assert.Equal(expected, UsersPage.DeviceText(userAgent));

    private (BunitContext Context, BunitAuthorizationContext Auth) NewContext(NpgsqlDataSource dataSource)
    {
        var context = new BunitContext();
        context.Services.AddLogging();
        context.Services.AddSingleton<TimeProvider>(_clock);
        context.Services.AddSingleton(dataSource);
        context.Services.AddDbContext<DashboardDbContext>(o => o.UseNpgsql(dataSource));
        context.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        context.Services.AddOptions<SecurityOptions>().Configure(o => o.PasswordHashIterations = 1_000);
        context.Services.AddDashboardUsers();
        context.Services.AddScoped<CircuitAccess>();
        context.Services.AddMudServices();
        context.Services.AddDashboardStrings();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var auth = context.AddAuthorization();
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", true));
        return (context, auth);
    }

    private void SignIn(string role, BunitAuthorizationContext? auth = null)
    {
        auth ??= _auth;
        auth.SetAuthorized(Ana);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _anaId));
        auth.SetPolicies(role == Roles.Admin ? [Policies.View, Policies.Administer] : [Policies.View]);
    }

    private IRenderedComponent<UsersPage> Render(BunitContext? context = null)
    {
        context ??= _context;
        context.Render<MudPopoverProvider>();
        var page = context.Render<UsersPage>();
        // The first render comes before the list is read: wait for the list, the refusal or the database's silence.
        page.WaitForState(() => page.FindAll("[data-testid=users-grid] tbody tr [data-user]").Count > 0
            || page.FindAll("[data-testid=users-refused], [data-testid=users-load-error]").Count > 0);
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<UsersPage> page, string email) =>
        page.FindAll("[data-testid=users-grid] tbody tr").Single(r => r.QuerySelector($"[data-user='{email}']") is not null);

    private static void Fill(IRenderedComponent<UsersPage> page, string email, string name, string role, string password)
    {
        page.Find("[data-testid=new-email]").Change(email);
        page.Find("[data-testid=new-name]").Change(name);
        page.Find("[data-testid=new-role]").Change(role);
        page.Find("[data-testid=new-user-password]").Change(password);
    }

    private static async Task<string> AddUserAsync(AsyncServiceScope scope, string email, string name, string role)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = s_now };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    private async Task<long> ScalarAsync(string sql, params object[] values)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
