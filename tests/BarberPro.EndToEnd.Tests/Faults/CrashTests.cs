using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BarberPro.Core.Security;
using BarberPro.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace BarberPro.EndToEnd.Tests.Faults;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>
    /// Crashes the stack's PostgreSQL, which every test of every class uses: not parallel, so xunit runs it after the
    /// parallel collections, alone; and every test restores what it crashed before it ends.
    /// </summary>
    public const string Name = "faults";
}

/// <summary>
/// Kill -9 of PostgreSQL and of the dashboard while 20 Operator clients change checklist notes through the real hub,
/// retrying by idempotency key. Nothing acknowledged may be lost or applied twice, the change log must replay to the
/// final state, an outage must speak in the product's words, and live pushes must resume within 5 s of the database's
/// return. The dashboard's database is set to <c>synchronous_commit = off</c>, as a careless server might be: the
/// dashboard must hold up whatever the server says. The figures are printed for the record.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed partial class CrashTests(BrowserFixture browser, CrashTests.CrashFixture stack, ITestOutputHelper output)
    : IClassFixture<CrashTests.CrashFixture>
{
    private const int Clients = 20;
    private static readonly TimeSpan s_pushesResumeWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PostgresKilledWhileClientsTick_LosesNothingAcknowledged_SpeaksClearly_AndPushesResume()
    {
        var server = stack.Server;
        var page = await browser.SignedInPageAsync(server, stack.OperatorEmail, stack.OperatorPassword, "/checklists");
        // Both runs on the page say the same; the daily run's badge speaks for the page.
        var badge = page.Locator("[data-checklist-connection]").First;
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "connected");
        await using var observer = await ObserveRunAsync();
        await using var clients = TickingClients.Start(server.BaseUrl, stack.Cookie, stack.RunId, stack.Items, Clients);
        await clients.WaitForAcknowledgedAsync(300, TimeSpan.FromSeconds(30));

        var killed = false;
        double recoverySeconds;
        var logBefore = server.Log.Length;
        try
        {
            await PostgresControl.KillAsync();
            killed = true;
            var acknowledgedAtKill = clients.Acknowledged.Count;

            // The page says live updates are paused rather than "Live".
            await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "paused", new() { Timeout = 5_000 });
            await Assertions.Expect(badge).ToContainTextAsync("paused");

            // A page that needs the database says so, with 503, not a blank 500; one that reads the in-memory snapshot
            // is served, on the session the user already had.
            var checklists = await stack.Http.GetAsync("/checklists");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, checklists.StatusCode);
            Assert.Contains("The checklist database did not answer", await checklists.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var overview = await stack.Http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, overview.StatusCode);

            // An action: the page and the hub both say "NOT saved", and what the user typed stays in the box.
            var weekly = page.Locator("[data-checklist-item][data-item-key='weekly.monday.capacity']");
            await weekly.Locator("[data-note-toggle]").ClickAsync();
            await weekly.Locator("input[data-note-input]").FillAsync("capacity reviewed during the outage");
            await weekly.Locator("[data-note-save]").ClickAsync();
            await Assertions.Expect(weekly.Locator("[data-item-message]")).ToContainTextAsync("NOT saved", new() { Timeout = 10_000, IgnoreCase = true });
            await Assertions.Expect(weekly.Locator("input[data-note-input]")).ToHaveValueAsync("capacity reviewed during the outage");
            Assert.True(clients.Refused > 0, "no client call was refused during the outage");

            await PostgresControl.StartAsync();
            killed = false;
            var back = Stopwatch.GetTimestamp();
            var firstPush = await observer.FirstPushAfterAsync(back, TimeSpan.FromSeconds(15));
            recoverySeconds = Stopwatch.GetElapsedTime(back, firstPush).TotalSeconds;
            await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 5_000 });
            await clients.WaitForAcknowledgedAsync(300, TimeSpan.FromSeconds(30));
            output.WriteLine($"acknowledged before the kill: {acknowledgedAtKill}");
        }
        finally
        {
            if (killed)
            {
                await PostgresControl.StartAsync();
            }
        }
        await clients.StopAsync();

        var audit = await FaultAudit.ReadAsync(server.ConnectionString, stack.RunId, clients.Acknowledged);
        Report("kill -9 of PostgreSQL", audit, clients, recoverySeconds);
        // Hundreds of refusals, one outage in the log: its start with the cause, its end with the counts.
        var log = server.Log[logBefore..];
        output.WriteLine($"dashboard log during the outage: {log.Split('\n').Length} lines for {clients.Refused} refused calls");
        Assert.Equal(1, Occurrences(log, "Dashboard database unavailable"));
        Assert.Equal(1, Occurrences(log, "Dashboard database answers again"));
        Assert.Equal(0, Occurrences(log, "Failed to invoke hub method"));
        Assert.Equal(0, clients.Unresolved);
        Assert.True(audit.Acknowledged > 600, $"only {audit.Acknowledged} changes acknowledged");
        Assert.Equal(0, audit.Lost);
        Assert.Equal(0, audit.Doubled);
        Assert.Empty(audit.Inconsistencies);
        Assert.InRange(recoverySeconds, 0, s_pushesResumeWithin.TotalSeconds);
        // The outage signed nobody out: the same cookie jar reads the checklists again.
        Assert.Equal(HttpStatusCode.OK, (await stack.Http.GetAsync("/checklists")).StatusCode);
        // The browser resynchronised: it shows the items' current state without a reload.
        var first = page.Locator($"[data-checklist-item][data-item-key='{stack.Items[0]}']");
        await Assertions.Expect(first.Locator("[data-note-text]")).ToHaveTextAsync(
            await CurrentNoteAsync(stack.Items[0]) ?? "", new() { Timeout = 5_000 });
    }

    [Fact]
    public async Task DashboardKilledWhileClientsRetryByIdempotencyKey_LosesNothing()
    {
        var server = stack.Server;
        await using var clients = TickingClients.Start(server.BaseUrl, stack.Cookie, stack.RunId, stack.Items, Clients);
        await clients.WaitForAcknowledgedAsync(300, TimeSpan.FromSeconds(30));

        var killedAt = Stopwatch.GetTimestamp();
        await server.RestartAsync();
        var acknowledgedBefore = clients.Acknowledged.Count;
        await clients.WaitForAcknowledgedAsync(1, TimeSpan.FromSeconds(30));
        var backSeconds = Stopwatch.GetElapsedTime(killedAt, clients.LastAcknowledgedAt).TotalSeconds;
        await clients.WaitForAcknowledgedAsync(300, TimeSpan.FromSeconds(30));
        await clients.StopAsync();

        var audit = await FaultAudit.ReadAsync(server.ConnectionString, stack.RunId, clients.Acknowledged);
        output.WriteLine($"acknowledged before the restart was up: {acknowledgedBefore}");
        Report("kill -9 of the dashboard", audit, clients, backSeconds);
        Assert.Equal(0, clients.Unresolved);
        Assert.True(clients.Reconnects >= Clients, $"only {clients.Reconnects} reconnections: the kill did not reach the clients");
        Assert.Equal(0, audit.Lost);
        Assert.Equal(0, audit.Doubled);
        Assert.Empty(audit.Inconsistencies);
    }

    private void Report(string fault, FaultAudit audit, TickingClients clients, double recoverySeconds)
    {
        output.WriteLine($"{fault}: acknowledged {audit.Acknowledged}, lost {audit.Lost}, doubled {audit.Doubled}, " +
            $"change-log rows {audit.Rows}, inconsistencies {audit.Inconsistencies.Count}, refused {clients.Refused}, " +
            $"reconnect attempts {clients.Reconnects}, unresolved {clients.Unresolved}, recovery {recoverySeconds:F2} s");
        foreach (var problem in audit.Inconsistencies.Take(10))
        {
            output.WriteLine("  " + problem);
        }
    }

    private static int Occurrences(string text, string part) =>
        Regex.Count(text, Regex.Escape(part));

    private async Task<string?> CurrentNoteAsync(string item)
    {
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(stack.Server.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT note FROM dashboard.checklist_run_items WHERE run_id = $1 AND key = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = stack.RunId });
        command.Parameters.Add(new NpgsqlParameter { Value = item });
        return await command.ExecuteScalarAsync() as string;
    }

    private async Task<RunObserver> ObserveRunAsync()
    {
        var hub = await HubTestClient.ConnectAsync(
            new Uri(stack.Server.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/checklists"),
            stack.Cookie, origin: null);
        await hub.InvokeAsync("JoinRun", stack.RunId);
        return new RunObserver(hub);
    }

    /// <summary>A page's view of the run through the hub: notes when each pushed change arrived.</summary>
    private sealed class RunObserver : IAsyncDisposable
    {
        private readonly HubTestClient _hub;
        private readonly List<long> _pushes = [];
        private readonly Task _draining;

        public RunObserver(HubTestClient hub)
        {
            _hub = hub;
            _draining = Task.Run(DrainAsync);
        }

        /// <summary>The Stopwatch timestamp of the first ItemChanged that arrived after <paramref name="after"/>.</summary>
        public async Task<long> FirstPushAfterAsync(long after, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < timeout)
            {
                lock (_pushes)
                {
                    foreach (var at in _pushes)
                    {
                        if (at > after)
                        {
                            return at;
                        }
                    }
                }
                await Task.Delay(20);
            }
            throw new TimeoutException($"No live push within {timeout.TotalSeconds} s of the database's return.");
        }

        public async ValueTask DisposeAsync()
        {
            await _hub.DisposeAsync();
            await _draining;
        }

        private async Task DrainAsync()
        {
            try
            {
                while (true)
                {
                    await _hub.NextAsync("ItemChanged", TimeSpan.FromMinutes(5));
                    lock (_pushes)
                    {
                        _pushes.Add(Stopwatch.GetTimestamp());
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
            }
        }
    }

    /// <summary>
    /// One dashboard for the class, on a database set to <c>synchronous_commit = off</c>; one Operator signed in over
    /// HTTP (its cookie also opens the clients' sockets); today's daily run and its items.
    /// </summary>
    public sealed class CrashFixture : IAsyncLifetime
    {
        private readonly CookieContainer _cookies = new();

        public DashboardServer Server { get; private set; } = null!;

        public HttpClient Http { get; private set; } = null!;

        public string Cookie => _cookies.GetCookieHeader(new Uri(Server.BaseUrl));

        public string OperatorEmail { get; private set; } = "";

        public string OperatorPassword { get; private set; } = "";

        public long RunId { get; private set; }

        public IReadOnlyList<string> Items { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Server = await DashboardServer.StartAsync("crash", new Dictionary<string, string> { ["synchronous_commit"] = "off" });
            (OperatorEmail, OperatorPassword) = await Server.CreateUserAsync(Roles.Operator);
            Http = await Server.SignedInHttpClientAsync(OperatorEmail, OperatorPassword, _cookies);
            await using var connection = new NpgsqlConnection(
                new NpgsqlConnectionStringBuilder(Server.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using (var run = new NpgsqlCommand(
                "SELECT id FROM dashboard.checklist_runs WHERE template_id = 'daily' ORDER BY period_start DESC LIMIT 1", connection))
            {
                RunId = (long)(await run.ExecuteScalarAsync())!;
            }
            await using var items = new NpgsqlCommand(
                "SELECT key FROM dashboard.checklist_run_items WHERE run_id = $1 ORDER BY position, key", connection);
            items.Parameters.Add(new NpgsqlParameter { Value = RunId });
            var keys = new List<string>();
            await using (var reader = await items.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    keys.Add(reader.GetString(0));
                }
            }
            Items = keys;
        }

        public async Task DisposeAsync()
        {
            Http?.Dispose();
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
        }
    }
}
