using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace BarberPro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The dashboard as a real process on a real port (Kestrel), against its own fresh database on the stack's
/// PostgreSQL and the stack's Prometheus. It can be stopped and started again on the same database and port, to
/// prove that what was acknowledged survives a restart.
/// </summary>
public sealed partial class DashboardServer : IAsyncDisposable
{
    public const string AdminEmail = "admin@e2e.local";

    private const string PassThroughPrefix = "BARBERPRO_E2E_DASHBOARD_";

    private readonly StringBuilder _log = new();
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private Process? _process;

    private DashboardServer(string database, string connectionString, int port)
    {
        DatabaseName = database;
        ConnectionString = connectionString;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string AdminPassword { get; } = "e2e-" + Guid.NewGuid().ToString("N");

    public string DatabaseName { get; }

    public string ConnectionString { get; }

    public int Port { get; }

    public string BaseUrl { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <param name="name">a short name, part of the database's name.</param>
    /// <param name="databaseSettings">ALTER DATABASE ... SET name = value for every connection to its database, e.g. a
    /// server setting the dashboard must hold up against.</param>
    /// <param name="settings">environment variables of the dashboard process set after the defaults (e.g.
    /// <c>Prometheus__BaseUrl</c> of a private stack, <c>Alertmanager__BaseUrl</c>).</param>
    public static async Task<DashboardServer> StartAsync(string name, IReadOnlyDictionary<string, string>? databaseSettings = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = $"e2e_{name}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(Stack.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
            foreach (var (setting, value) in databaseSettings ?? new Dictionary<string, string>())
            {
                await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET {setting} = '{value}'", admin);
                await alter.ExecuteNonQueryAsync();
            }
        }
        var connectionString = new NpgsqlConnectionStringBuilder(Stack.PostgresAdmin) { Database = database }.ConnectionString;
        var server = new DashboardServer(database, connectionString, FreePort());
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            server._settings[key] = value;
        }
        try
        {
            await server.StartAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async Task StartAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "BarberPro.Dashboard.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", BaseUrl, "--contentRoot", Path.Combine(Stack.RepoRoot, "BarberPro.Dashboard") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(Stack.RepoRoot, "BarberPro.Dashboard"),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Dashboard"] = ConnectionString;
        start.Environment["Prometheus__BaseUrl"] = Stack.PrometheusUrl;
        start.Environment["Prometheus__Timeout"] = "00:00:02";
        start.Environment["Panels__ScrapeInterval"] = "00:00:01";
        start.Environment["Live__PollInterval"] = "00:00:01";
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["Security__RequireHttps"] = "false";
        start.Environment["Security__LoginAttemptsPerMinutePerClient"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Each test's dashboard has a fresh database: a scheduler would catch up a week of reports at start, dozens
        // of range queries against the shared Prometheus that no browser test reads (ReportSchedulerTests cover it).
        start.Environment["Reports__Schedule"] = "false";
        // What a failing circuit-security test needs to say where a revocation stopped (event, registry, provider).
        start.Environment["Logging__LogLevel__BarberPro.Dashboard.Security"] = "Debug";
        // BARBERPRO_E2E_DASHBOARD_<name>=<value> reaches the dashboard as <name>=<value> (e.g. a log level to diagnose).
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)))
        {
            if (key.StartsWith(PassThroughPrefix, StringComparison.Ordinal) && value is not null)
            {
                start.Environment[key[PassThroughPrefix.Length..]] = value;
            }
        }
        if (Environment.GetEnvironmentVariable("BARBERPRO_BOOKING_DB") is { Length: > 0 } bookings)
        {
            start.Environment["ConnectionStrings__Bookings"] = bookings;
        }
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the dashboard process.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with {_process.ExitCode} at start:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        // Not left running: a dashboard that never became ready kept polling Prometheus and loading the machine for the
        // rest of the run (the test's DisposeAsync never sees a server its InitializeAsync did not return).
        await StopAsync();
        throw new TimeoutException($"The dashboard did not become ready within 60 s:\n{Log}");
    }

    /// <summary>kill -9 of the process (Process.Kill sends SIGKILL): no shutdown, no flush, no goodbye to clients.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>A client signed in through the sign-in form; <paramref name="cookies"/>, when given, is its cookie jar.</summary>
    public async Task<HttpClient> SignedInHttpClientAsync(string email, string password, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
        };
        var token = await TokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = email,
            ["Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_adminServices is not null)
        {
            await _adminServices.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Stack.PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
