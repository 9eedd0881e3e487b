using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace BarberPro.Bench.Shared;

// Helpers every benchmark of a running dashboard needs (bench/LiveFanout, bench/CircuitFanout): compiled into each
// benchmark from this folder (see their .csproj), not a library of its own.

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

    /// <summary>
    /// Starts the Release build of the dashboard on a free port and a fresh database, polling every
    /// <paramref name="pollInterval"/>; <paramref name="settings"/> adds or overrides environment variables
    /// (e.g. <c>Diagnostics__BenchmarkEndpoints</c>).
    /// </summary>
    public static async Task<DashboardProcess> StartAsync(TimeSpan pollInterval, IReadOnlyDictionary<string, string>? settings = null)
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
        start.Environment["Live__PollInterval"] = pollInterval.ToString("c", CultureInfo.InvariantCulture);
        start.Environment["Security__RequireHttps"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
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
    public TimeSpan CpuTime() => ProcessStats.CpuTime(Pid);

    public long RssBytes() => ProcessStats.RssBytes(Pid);

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

/// <summary>CPU time and resident set of any process, from /proc.</summary>
internal static class ProcessStats
{
    /// <summary>Seconds of CPU the process has used (user + system).</summary>
    public static TimeSpan CpuTime(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static long RssBytes(int pid) => File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kb ? long.Parse(kb, CultureInfo.InvariantCulture) * 1024 : 0;
}

internal static class BenchAdmin
{
    public const string Email = "bench@barberpro.local";

    public static readonly string Password = "bench-" + Guid.NewGuid().ToString("N");
}

