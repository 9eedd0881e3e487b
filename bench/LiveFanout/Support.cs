using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace BarberPro.Bench.LiveFanout;

internal sealed record BenchOptions(int[] ViewerCounts, int Changes, TimeSpan PollInterval)
{
    public static BenchOptions FromArgs(string[] args)
    {
        var counts = new[] { 1, 500, 2000 };
        var changes = 10;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--viewers")
            {
                counts = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            if (args[i] == "--changes")
            {
                changes = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }
        return new BenchOptions(counts, changes, TimeSpan.FromSeconds(1));
    }
}

internal static class Env
{
    public static string Require(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
        ? v
        : throw new InvalidOperationException($"{name} is not set: start the stack (scripts/stack.sh start) and source its env file.");

    public static string RepoRoot { get; } = FindRoot();

    public static double MemoryGiB() => File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb
        ? double.Parse(kb, CultureInfo.InvariantCulture) / 1048576 : 0;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BarberPro.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run from inside the repository.");
    }
}

internal sealed record LatencyStats(List<TimeSpan> Samples)
{
    public TimeSpan Median => Percentile(0.5);

    public TimeSpan P95 => Percentile(0.95);

    private TimeSpan Percentile(double p)
    {
        if (Samples.Count == 0)
        {
            return TimeSpan.MaxValue;
        }
        var sorted = Samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}

internal sealed record RunResult(int Viewers, int Alive, double QueriesPerMinute, double QueriesPerSnapshot, double SnapshotsPerMinute, LatencyStats Latency, double Cpu, long RssBytes)
{
    public TimeSpan Median => Latency.Median;

    public TimeSpan P95 => Latency.P95;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"viewers {Viewers} (alive {Alive}): {QueriesPerMinute:0.0} queries/min, {QueriesPerSnapshot:0.00} per snapshot, latency median {Median.TotalMilliseconds:0} ms p95 {P95.TotalMilliseconds:0} ms over {Latency.Samples.Count} arrivals, CPU {Cpu:P0}, RSS {RssBytes / 1048576.0:0} MiB");
}

/// <summary>Requests Prometheus has served on the query endpoints, from its own /metrics.</summary>
internal sealed partial class PrometheusCounters(string baseUrl)
{
    private static readonly HttpClient s_http = new();

    public async Task<double> ReadAsync()
    {
        var text = await s_http.GetStringAsync(baseUrl + "/metrics");
        return CounterLine().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("""^prometheus_http_requests_total\{[^}]*handler="/api/v1/(?:query|query_range|alerts|rules)"[^}]*\} (\S+)$""", RegexOptions.Multiline)]
    private static partial Regex CounterLine();
}

internal sealed class SimulatorControl(string baseUrl)
{
    private static readonly HttpClient s_http = new();

    public async Task SetAsync(string scenario) =>
        (await s_http.PostAsync($"{baseUrl}/scenario/{scenario}", null)).EnsureSuccessStatusCode();
}

/// <summary>The dashboard as a separate process (Release build), on its own fresh database.</summary>
internal sealed partial class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _database;

    private DashboardProcess(Process process, string database, string baseUrl)
    {
        _process = process;
        _database = database;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    public static async Task<DashboardProcess> StartAsync(BenchOptions options)
    {
        var admin = Env.Require("BARBERPRO_PG_ADMIN");
        var database = "bench_fanout_" + Guid.NewGuid().ToString("N")[..8];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var port = FreePort();
        var project = Path.Combine(Env.RepoRoot, "BarberPro.Dashboard");
        var dll = Directory.GetFiles(Path.Combine(project, "bin", "Release"), "BarberPro.Dashboard.dll", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new InvalidOperationException("Build the dashboard first: dotnet build BarberPro.Dashboard -c Release");
        var start = new ProcessStartInfo("dotnet") { ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", project }, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Bootstrap__AdminEmail"] = BenchAdmin.Email;
        start.Environment["Bootstrap__AdminPassword"] = BenchAdmin.Password;
        start.Environment["ConnectionStrings__Dashboard"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        start.Environment["Prometheus__BaseUrl"] = Env.Require("BARBERPRO_PROMETHEUS_URL");
        start.Environment["Panels__ScrapeInterval"] = "00:00:01";
        start.Environment["Live__PollInterval"] = options.PollInterval.ToString("c", CultureInfo.InvariantCulture);
        start.Environment["Security__RequireHttps"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("dashboard: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DashboardProcess(process, database, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            try
            {
                if ((await http.GetAsync(server.BaseUrl + "/ready")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The dashboard did not become ready.");
    }

    /// <summary>The cookie of a signed-in Viewer: the bootstrap Admin (created from the environment) is enough.</summary>
    public async Task<string> ViewerCookieAsync()
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var html = await client.GetStringAsync("/account/login");
        var token = Token().Match(html).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = BenchAdmin.Email,
            ["Password"] = BenchAdmin.Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        }
        return cookies.GetCookieHeader(new Uri(BaseUrl));
    }

    /// <summary>Seconds of CPU the process has used (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{Pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public long RssBytes() => File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? long.Parse(kb, CultureInfo.InvariantCulture) * 1024 : 0;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Env.Require("BARBERPRO_PG_ADMIN"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

internal static class BenchAdmin
{
    public const string Email = "bench@barberpro.local";

    public static readonly string Password = "bench-" + Guid.NewGuid().ToString("N");
}

/// <summary>
/// One live viewer: a WebSocket speaking SignalR's JSON protocol with negotiation skipped, as the browser client
/// connects. It drains every message and looks at the PostgreSQL figure only while a measurement waits for it.
/// </summary>
internal sealed class Viewer : IAsyncDisposable
{
    private static readonly byte[] s_postgresFigure = Encoding.UTF8.GetBytes("\"key\":\"postgres\"");
    private static readonly byte[] s_display = Encoding.UTF8.GetBytes("\"display\":\"");
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Task _pinger;
    private volatile TaskCompletionSource<long>? _waiter;
    private volatile string? _expected;
    private volatile TaskCompletionSource<long>? _nextVersion;

    private Viewer(ClientWebSocket socket)
    {
        _socket = socket;
        _loop = Task.Run(ReceiveAsync);
        _pinger = Task.Run(PingAsync);
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public static async Task<Viewer> ConnectAsync(string baseUrl, string cookie)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", baseUrl);
        await socket.ConnectAsync(new Uri(baseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/hubs/live"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        return new Viewer(socket);
    }

    /// <summary>The timestamp at which a snapshot showing PostgreSQL <paramref name="display"/> arrived, or null.</summary>
    public async Task<long?> WaitForPostgresAsync(string display, TimeSpan timeout)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _expected = display;
        _waiter = waiter;
        var done = await Task.WhenAny(waiter.Task, Task.Delay(timeout));
        _waiter = null;
        return done == waiter.Task ? waiter.Task.Result : null;
    }

    /// <summary>The version of the next snapshot this viewer receives.</summary>
    public async Task<long> NextSnapshotVersionAsync()
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextVersion = waiter;
        return await waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (_waiter is null && _nextVersion is null)
                {
                    continue;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var at = Stopwatch.GetTimestamp();
                if (_nextVersion is { } next && Version(message.GetBuffer().AsSpan(0, (int)message.Length)) is { } version)
                {
                    _nextVersion = null;
                    next.TrySetResult(version);
                }
                if (_waiter is { } waiter && _expected is { } expected && ShowsPostgres(message.GetBuffer().AsSpan(0, (int)message.Length), expected))
                {
                    waiter.TrySetResult(at);
                }
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    private static readonly byte[] s_version = Encoding.UTF8.GetBytes("\"target\":\"View\",\"arguments\":[{\"version\":");

    private static long? Version(ReadOnlySpan<byte> json)
    {
        var at = json.IndexOf(s_version);
        if (at < 0)
        {
            return null;
        }
        var digits = json[(at + s_version.Length)..];
        var end = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return long.Parse(Encoding.ASCII.GetString(digits[..end]), CultureInfo.InvariantCulture);
    }

    private static bool ShowsPostgres(ReadOnlySpan<byte> json, string expected)
    {
        var at = json.IndexOf(s_postgresFigure);
        if (at < 0)
        {
            return false;
        }
        var rest = json[at..];
        var display = rest.IndexOf(s_display);
        if (display < 0)
        {
            return false;
        }
        var value = rest[(display + s_display.Length)..];
        return value.StartsWith(Encoding.UTF8.GetBytes(expected + "\""));
    }

    private async Task PingAsync()
    {
        var ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await _socket.SendAsync(ping, WebSocketMessageType.Text, true, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loop, _pinger);
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}
