// Circuit fan-out benchmark (issue 9): N real Blazor Server circuits of one interactive page (the live overview by
// default), driven at the protocol level by CircuitClient (no browser), at 1, 100, 500 and 1,000 circuits with a 1 s
// poll. For each step: Prometheus queries per snapshot, server memory per circuit (managed heap after a full GC, and
// RSS growth), the spread from a new snapshot to each circuit's render batch, and the dashboard's CPU.
//
// One command: bench/CircuitFanout/run.sh (builds, starts a private stack, raises ulimit -n, runs, stops the stack).
// By hand: scripts/stack.sh start (SCRAPE_INTERVAL=1s), source the env file, dotnet build BarberPro.Dashboard -c Release,
// dotnet run -c Release --project bench/CircuitFanout -- [options, see Options.cs].
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BarberPro.Bench.CircuitFanout;
using BarberPro.Bench.Shared;

var options = Options.FromArgs(args);
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 64 })
{
    Timeout = TimeSpan.FromSeconds(60),
};

DashboardProcess? dashboard = null;
Uri page;
string cookie;
int? pid;
if (options.Url is { } url)
{
    page = url;
    cookie = "";
    pid = options.Pid;
}
else
{
    dashboard = await DashboardProcess.StartAsync(options.PollInterval, new Dictionary<string, string>
    {
        ["Diagnostics__BenchmarkEndpoints"] = "true",
    });
    page = new Uri(new Uri(dashboard.BaseUrl), options.Path);
    cookie = await dashboard.ViewerCookieAsync(); // the bootstrap Admin: it may read /diagnostics/memory too
    pid = dashboard.Pid;
}
Console.WriteLine($"driving {page} (pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})");

var baseUri = new Uri(page, "/");
var prometheus = Environment.GetEnvironmentVariable("BARBERPRO_PROMETHEUS_URL") is { Length: > 0 } prom && dashboard is not null ? new PrometheusCounters(prom) : null;
await using var ticks = dashboard is not null ? await TickWatcher.ConnectAsync(baseUri, "/hubs/live", cookie, CancellationToken.None) : null;
var circuits = new List<CircuitClient>();
var steps = new List<StepResult>();
var failures = new List<string>();
var failedStarts = 0;
var baseline = new MemorySample(null, 0);
try
{
    // Warm-up without a circuit (prerender, JIT of the page), then the baseline the per-circuit figures subtract.
    using (var warm = new HttpRequestMessage(HttpMethod.Get, page))
    {
        if (cookie.Length > 0)
        {
            warm.Headers.Add("Cookie", cookie);
        }
        (await http.SendAsync(warm)).EnsureSuccessStatusCode();
    }
    await Task.Delay(options.Settle);
    baseline = await MemoryAsync(http, baseUri, cookie, pid);
    Console.WriteLine($"baseline: {baseline}");

    foreach (var target in options.Circuits)
    {
        Console.WriteLine($"-- {target} circuits");
        var rampStart = TimeProvider.System.GetTimestamp();
        var failedBefore = failedStarts;
        using (var gate = new SemaphoreSlim(options.Concurrency))
        {
            var starts = Enumerable.Range(0, target - circuits.Count).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    return await CircuitClient.StartAsync(http, page, cookie, TimeSpan.FromSeconds(60), CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Interlocked.Increment(ref failedStarts);
                    lock (failures)
                    {
                        if (failures.Count < 10)
                        {
                            failures.Add(ex.GetType().Name + ": " + ex.Message);
                        }
                    }
                    return null;
                }
                finally
                {
                    gate.Release();
                }
            }).ToArray();
            circuits.AddRange((await Task.WhenAll(starts)).OfType<CircuitClient>());
        }
        var ramp = TimeProvider.System.GetElapsedTime(rampStart);
        Console.WriteLine($"   {circuits.Count} circuits up in {ramp.TotalSeconds:0.0} s ({failedStarts - failedBefore} failed to start)");
        await Task.Delay(options.Settle);
        var memory = await MemoryAsync(http, baseUri, cookie, pid);

        // The window starts and ends just after a snapshot reached the live API, so it holds whole polls.
        if (ticks is not null)
        {
            await ticks.NextAsync(TimeSpan.FromSeconds(30));
        }
        ticks?.Drain();
        var before = await CountersAsync(http, baseUri, prometheus);
        var cpuBefore = pid is { } p1 ? ProcessStats.CpuTime(p1) : TimeSpan.Zero;
        var batchesBefore = circuits.Sum(c => c.Batches);
        var windowStart = TimeProvider.System.GetTimestamp();
        foreach (var circuit in circuits)
        {
            circuit.StartRecording();
        }
        await Task.Delay(options.Window);
        if (ticks is not null)
        {
            await ticks.NextAsync(TimeSpan.FromSeconds(30));
        }
        var arrivals = circuits.Select(c => c.StopRecording()).ToList();
        var elapsed = TimeProvider.System.GetElapsedTime(windowStart);
        var after = await CountersAsync(http, baseUri, prometheus);
        var cpu = pid is { } p2 ? (ProcessStats.CpuTime(p2) - cpuBefore) / elapsed : double.NaN;
        var batches = circuits.Sum(c => c.Batches) - batchesBefore;
        var spread = Spread.Measure(ticks?.Drain() ?? [], arrivals);
        var step = new StepResult(target, circuits.Count, circuits.Count(c => c.IsConnected), failedStarts - failedBefore, ramp,
            memory, before, after, elapsed, cpu, batches, spread, StepResult.ReadLoadAverage());
        steps.Add(step);
        Console.WriteLine("   " + step.Describe(baseline));
    }
}
finally
{
    var report = Report.Write(options, page, dashboard is not null, baseline, await SafeMemoryAsync(http, baseUri, cookie, pid), steps, failures, failedStarts);
    Console.WriteLine(report);
    if ((options.Out ?? (dashboard is not null ? Path.Combine(Env.RepoRoot, "bench", "CircuitFanout", "results.md") : null)) is { } path)
    {
        await File.WriteAllTextAsync(path, report);
        Console.WriteLine($"written to {path}");
    }
    await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
    if (dashboard is not null)
    {
        await dashboard.DisposeAsync();
    }
}

static async Task<MemorySample> MemoryAsync(HttpClient http, Uri baseUri, string cookie, int? pid)
{
    DiagnosticsMemory? diagnostics = null;
    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "/diagnostics/memory"));
    if (cookie.Length > 0)
    {
        request.Headers.Add("Cookie", cookie);
    }
    using var response = await http.SendAsync(request);
    if (response.StatusCode == HttpStatusCode.OK)
    {
        diagnostics = await response.Content.ReadFromJsonAsync<DiagnosticsMemory>();
    }
    var rss = pid is { } p ? ProcessStats.RssBytes(p) : diagnostics?.RssBytes ?? 0;
    return new MemorySample(diagnostics, rss);
}

static async Task<MemorySample?> SafeMemoryAsync(HttpClient http, Uri baseUri, string cookie, int? pid)
{
    try
    {
        return await MemoryAsync(http, baseUri, cookie, pid);
    }
    catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
    {
        return null;
    }
}

// Reads the two counters when no poll is in flight: the polls counter unchanged around two equal reads of Prometheus's
// query counter 50 ms apart (a poll's queries complete one after another, and the poll is counted after the last), so
// the window holds whole polls only. Called just after a snapshot arrived, when the next poll has not started.
static async Task<Counters> CountersAsync(HttpClient http, Uri baseUri, PrometheusCounters? prometheus)
{
    if (prometheus is null)
    {
        return new Counters(double.NaN, double.NaN, double.NaN);
    }
    var last = new Counters(double.NaN, double.NaN, double.NaN);
    for (var attempt = 0; attempt < 20; attempt++)
    {
        var (pollsBefore, _) = await PollsAsync(http, baseUri);
        var queries = await prometheus.ReadAsync();
        await Task.Delay(50);
        var queriesAfter = await prometheus.ReadAsync();
        var (pollsAfter, pollSeconds) = await PollsAsync(http, baseUri);
        last = new Counters(queriesAfter, pollsAfter, pollSeconds);
        if (pollsBefore == pollsAfter && queries == queriesAfter)
        {
            return last;
        }
        await Task.Delay(100);
    }
    return last;
}

static async Task<(double Polls, double Seconds)> PollsAsync(HttpClient http, Uri baseUri)
{
    var lines = (await http.GetStringAsync(new Uri(baseUri, "/metrics"))).Split('\n');
    return (Sample(lines, "barberpro_dashboard_poll_duration_seconds_count "), Sample(lines, "barberpro_dashboard_poll_duration_seconds_sum "));

    static double Sample(string[] lines, string prefix) =>
        lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line
            ? double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture)
            : double.NaN;
}
