// Live fan-out benchmark (issue 3): one dashboard process, polling every second, with 1, 500 and 2,000 connected
// live viewers. For each count it measures what Prometheus receives (queries per minute, from Prometheus's own
// request counters), how long a scenario change in the simulator takes to reach the connected viewers, and the
// dashboard's CPU and memory. Results go to bench/LiveFanout/results.md.
//
// Needs the stack: `scripts/stack.sh start` (SCRAPE_INTERVAL=1s) and `source .stack/dev/env`; the dashboard must be
// built (dotnet build BarberPro.Dashboard -c Release). Run: dotnet run -c Release --project bench/LiveFanout.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BarberPro.Bench.LiveFanout;
using BarberPro.Bench.Shared;

var options = BenchOptions.FromArgs(args);
var report = new StringBuilder();
await using var dashboard = await DashboardProcess.StartAsync(options.PollInterval);
Console.WriteLine($"dashboard pid {dashboard.Pid} on {dashboard.BaseUrl}");
var cookie = await dashboard.ViewerCookieAsync();
var prometheus = new PrometheusCounters(Env.Require("BARBERPRO_PROMETHEUS_URL"));
var simulator = new SimulatorControl(Env.Require("BARBERPRO_SIMULATOR_URL"));
await simulator.SetAsync("normal");

var results = new List<RunResult>();
var viewers = new List<Viewer>();
try
{
    foreach (var count in options.ViewerCounts)
    {
        Console.WriteLine($"-- {count} viewers");
        while (viewers.Count < count)
        {
            var batch = Enumerable.Range(0, Math.Min(100, count - viewers.Count))
                .Select(_ => Viewer.ConnectAsync(dashboard.BaseUrl, cookie)).ToArray();
            viewers.AddRange(await Task.WhenAll(batch));
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // let connection set-up settle before measuring
        GC.Collect();

        var cpuBefore = dashboard.CpuTime();
        // Counters are read just after a snapshot arrives, i.e. between two polls, so the window holds whole polls.
        var versionBefore = await viewers[0].NextSnapshotVersionAsync();
        var queriesBefore = await prometheus.ReadAsync();
        var measureStart = Stopwatch.GetTimestamp();
        var latencies = await MeasureLatencyAsync(viewers, simulator, options.Changes);
        var elapsed = Stopwatch.GetElapsedTime(measureStart);
        var versionAfter = await viewers[0].NextSnapshotVersionAsync();
        var queriesAfter = await prometheus.ReadAsync();
        var snapshots = versionAfter - versionBefore;
        var cpu = (dashboard.CpuTime() - cpuBefore) / elapsed;
        var rss = dashboard.RssBytes();
        var alive = viewers.Count(v => v.IsOpen);
        results.Add(new RunResult(count, alive, (queriesAfter - queriesBefore) / elapsed.TotalMinutes,
            (queriesAfter - queriesBefore) / snapshots, snapshots / elapsed.TotalMinutes, latencies, cpu, rss));
        Console.WriteLine(results[^1]);
    }
}
finally
{
    await simulator.SetAsync("normal");
    await Task.WhenAll(viewers.Select(v => v.DisposeAsync().AsTask()));
}

var baseline = results[0];
report.AppendLine("# Live fan-out benchmark");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Env.MemoryGiB():0} GiB; dashboard poll interval {options.PollInterval.TotalSeconds:0} s, Prometheus scraping the simulator every 1 s.");
report.AppendLine(CultureInfo.InvariantCulture, $"Latency: {options.Changes} scenario changes per viewer count (simulator normal ↔ database-down); time from the POST to the simulator until a viewer receives the snapshot showing PostgreSQL in the new state, over every connected viewer (includes up to one scrape interval and one poll interval by design).");
report.AppendLine();
report.AppendLine("| viewers | connected at end | Prometheus queries/min | ratio to 1 viewer | snapshots/min | queries per snapshot | ratio to 1 viewer | change → viewer median | p95 | dashboard CPU (of one core) | RSS | RSS per viewer over 1 |");
report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    var perViewer = r.Viewers > baseline.Viewers ? (r.RssBytes - baseline.RssBytes) / (double)(r.Viewers - baseline.Viewers) : double.NaN;
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Viewers:N0} | {r.Alive:N0} | {r.QueriesPerMinute:0.0} | {r.QueriesPerMinute / baseline.QueriesPerMinute:0.00} | {r.SnapshotsPerMinute:0.0} | {r.QueriesPerSnapshot:0.00} | {r.QueriesPerSnapshot / baseline.QueriesPerSnapshot:0.00} | {r.Median.TotalMilliseconds:0} ms | {r.P95.TotalMilliseconds:0} ms | {r.Cpu:P0} | {r.RssBytes / 1048576.0:0} MiB | {(double.IsNaN(perViewer) ? "–" : $"{perViewer / 1024:0} KiB")} |");
}
report.AppendLine();
report.AppendLine("Queries/min counts every request Prometheus served on /api/v1/query, /api/v1/query_range, /api/v1/alerts and /api/v1/rules during the measurement window (nothing else queries this Prometheus during the run); it moves with the number of polls per minute (snapshots/min: a poll that overruns its 1 s tick delays the next one, as PeriodicTimer does), not with viewers. Queries per snapshot divides the same count by the number of snapshots (polls) in the window, which starts and ends just after a snapshot reached a viewer, so it holds whole polls only: that is the per-poll cost, and it does not move with the number of viewers.");
report.AppendLine("The benchmark's own 2,000 WebSocket clients run on the same 2 cores as the dashboard, PostgreSQL, Prometheus and the simulator, so the latency figures include their competition for the CPU.");
var path = Path.Combine(Env.RepoRoot, "bench", "LiveFanout", "results.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine(report);
Console.WriteLine($"written to {path}");

static async Task<LatencyStats> MeasureLatencyAsync(List<Viewer> viewers, SimulatorControl simulator, int changes)
{
    var samples = new List<TimeSpan>();
    var down = false;
    for (var i = 0; i < changes; i++)
    {
        down = !down;
        var expected = down ? "down" : "up";
        var waits = viewers.Select(v => v.WaitForPostgresAsync(expected, TimeSpan.FromSeconds(30))).ToArray();
        var sent = Stopwatch.GetTimestamp();
        await simulator.SetAsync(down ? "database-down" : "normal");
        foreach (var arrived in await Task.WhenAll(waits))
        {
            if (arrived is { } at)
            {
                samples.Add(Stopwatch.GetElapsedTime(sent, at));
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
    }
    return new LatencyStats(samples);
}
