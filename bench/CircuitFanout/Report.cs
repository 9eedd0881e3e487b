using System.Globalization;
using System.Text;
using BarberPro.Bench.Shared;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>results.md: one table row per step, what each column means, and what could not be measured.</summary>
internal static class Report
{
    public static string Write(Options options, Uri page, bool dashboard, MemorySample baseline, MemorySample? final, List<StepResult> steps, List<string> failures, int failedStarts)
    {
        var report = new StringBuilder();
        var first = steps.FirstOrDefault();
        var gc = steps.Select(s => s.Memory.Diagnostics).FirstOrDefault(d => d is not null);
        report.AppendLine("# Circuit fan-out benchmark");
        report.AppendLine();
        report.AppendLine("Run it (one command; builds, starts a private stack, runs every step, stops the stack):");
        report.AppendLine();
        report.AppendLine("```bash");
        report.AppendLine("bench/CircuitFanout/run.sh                          # 1, 100, 500, 1,000 circuits of / (the live overview)");
        report.AppendLine("bench/CircuitFanout/run.sh --circuits 1,100 --window 20   # any options of bench/CircuitFanout/Options.cs");
        report.AppendLine("```");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Run {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {Env.MemoryGiB():0} GiB: `{page.AbsolutePath}` " +
            $"({(dashboard ? "the dashboard, Release build, its own database, poll interval 1 s, Prometheus scraping the simulator every 1 s" : "a page of a server started by hand")}); " +
            $"steps {string.Join(", ", options.Circuits.Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))} circuits, kept open from one step to the next; " +
            $"{options.Window.TotalSeconds:0} s measured per step after {options.Settle.TotalSeconds:0} s of settling.");
        report.AppendLine(CultureInfo.InvariantCulture, $"Dashboard GC: {(gc is null ? "unknown (no diagnostics endpoint)" : $"{gc.GcMode}, latency mode {gc.GcLatencyMode}, GCConserveMemory {gc.GcConserveMemory}")}.");
        report.AppendLine();
        report.AppendLine("| circuits | connected at end | failed to start | ramp-up | polls in window | Prometheus queries per snapshot | ratio to 1 circuit | managed heap per circuit | RSS per circuit | managed heap | RSS | mean poll | snapshot → render p50 | p95 | live API → render p50 | p95 | renders measured | missed | batches/s | dashboard CPU (of one core) | machine load (1 min) |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in steps)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Circuits:N0} | {s.Connected:N0} | {s.FailedStarts:N0} | {s.Ramp.TotalSeconds:0.0} s | {Num(s.Polls, "0")} | {Num(s.QueriesPerSnapshot, "0.00")} | {Num(first is null ? double.NaN : s.QueriesPerSnapshot / first.QueriesPerSnapshot, "0.00")} | " +
                $"{StepResult.Kib(s.ManagedPerCircuit(baseline))} | {StepResult.Kib(s.RssPerCircuit(baseline))} | {Mib(s.Memory.Diagnostics?.ManagedBytesAfterFullGc)} | {Mib(s.Memory.RssBytes)} | " +
                $"{StepResult.Ms(s.MeanPoll)} | {StepResult.Ms(s.Spread.Percentile(0.5))} | {StepResult.Ms(s.Spread.Percentile(0.95))} | " +
                $"{StepResult.Ms(Spread.Percentile(s.Spread.SinceLiveApi, 0.5))} | {StepResult.Ms(Spread.Percentile(s.Spread.SinceLiveApi, 0.95))} | {s.Spread.Samples.Count:N0} | {s.Spread.Missed:N0} | {s.Batches / s.Window.TotalSeconds:0.0} | {Num(s.Cpu * 100, "0")} % | {Num(s.LoadAverage, "0.0")} |");
        }
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Baseline (no circuit, after one prerender of the page and a full GC): {baseline}. At the end: {(final is null ? "not read" : final.ToString())}.");
        if (steps.Count > 1)
        {
            report.AppendLine();
            report.AppendLine("Marginal cost between steps (the difference of two steps ÷ the circuits added; one-time costs of the first circuit, such as JIT and caches, drop out):");
            report.AppendLine();
            for (var i = 1; i < steps.Count; i++)
            {
                var (a, b) = (steps[i - 1], steps[i]);
                var added = b.Circuits - a.Circuits;
                if (added <= 0)
                {
                    continue;
                }
                var managed = a.Memory.Diagnostics is { } da && b.Memory.Diagnostics is { } db ? (db.ManagedBytesAfterFullGc - da.ManagedBytesAfterFullGc) / (double)added : (double?)null;
                report.AppendLine(CultureInfo.InvariantCulture, $"- {a.Circuits:N0} → {b.Circuits:N0}: managed heap {StepResult.Kib(managed)} per added circuit, RSS {StepResult.Kib((b.Memory.RssBytes - a.Memory.RssBytes) / (double)added)} per added circuit.");
            }
        }
        report.AppendLine();
        report.AppendLine("How each figure is taken:");
        report.AppendLine();
        report.AppendLine("- **Circuits** are driven by `CircuitClient` at the protocol level, as blazor.web.js does (model: ASP.NET Core's Ignitor): GET the page with the signed-in cookie, read its `<!--Blazor:{\"type\":\"server\",…}-->` markers and persisted state, open `/_blazor` (WebSockets, SignalR's MessagePack protocol named `blazorpack`), `StartCircuit`, answer every `JS.BeginInvokeJS` (null result; module imports get an object reference; the renderer's `attachWebRendererInterop` first), `UpdateRootComponents` with one `add` per marker, then acknowledge every `JS.RenderBatch` with `OnRenderCompleted`. Nothing is rendered client-side. A circuit counts as started at its first render batch; *connected at end* counts those whose socket is open and that received no `JS.Error`.");
        report.AppendLine("- **Prometheus queries per snapshot**: requests Prometheus served on `/api/v1/query`, `query_range`, `alerts` and `rules` (its own counters) during the window ÷ polls the dashboard finished in it (`barberpro_dashboard_poll_duration_seconds_count`). Both ends of the window are read just after a snapshot reached the live API, and only when no poll is in flight (the poll counter unchanged around two equal reads of Prometheus's counter 50 ms apart), so the window holds whole polls. Nothing else queries this Prometheus.");
        report.AppendLine("- **Managed heap per circuit**: `GET /diagnostics/memory` (mapped only with `Diagnostics:BenchmarkEndpoints=true`, Admins only) runs `GC.GetTotalMemory(true)` in the dashboard; (that value with N circuits − the baseline) ÷ N. **RSS per circuit**: VmRSS of the dashboard process from /proc, same subtraction; RSS also holds GC segments not returned to the OS, JIT code and native buffers, so it is not a live-object figure.");
        report.AppendLine(CultureInfo.InvariantCulture, $"- **Snapshot → render**: for each snapshot the live API (`/hubs/live`) delivered during the window, the time from the snapshot's {(steps.All(s => s.Spread.FromGeneratedAt) && steps.Count > 0 ? "`generatedAt` (the dashboard's clock, the same machine's)" : "arrival on the live API (no `generatedAt` in its message)")} to the first render batch each circuit received before the next snapshot; a circuit with no batch in that interval is *missed*. p50/p95 over every (snapshot, circuit) pair measured. `generatedAt` is taken when a poll *starts* (LivePoller), so this figure includes the poll's own reads (*mean poll*, from the dashboard's poll histogram). **Live API → render** measures the same renders from the moment the snapshot arrived on the live API, a plain SignalR broadcast to one socket: what the circuits add to the fan-out (negative when a circuit's batch arrived first).");
        report.AppendLine("- **Dashboard CPU**: utime + stime of the dashboard process from /proc over the window ÷ the window (100 % = one core of two).");
        report.AppendLine("- **Machine load**: the 1-minute load average at the end of the window (/proc/loadavg). Above 2 the cores were shared with other work (builds, tests): every figure of time and CPU is then slowed by it, and a poll in flight at a window's edge may slip past the check above.");
        report.AppendLine("- The driver's own circuits (one SignalR connection each) run on the same 2 cores as the dashboard, PostgreSQL, Prometheus and the simulator: the latency and CPU figures include that competition.");
        if (failedStarts > 0 || failures.Count > 0)
        {
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Circuits that failed to start: {failedStarts:N0}. First errors:");
            report.AppendLine();
            foreach (var failure in failures)
            {
                report.AppendLine("- " + failure.ReplaceLineEndings(" "));
            }
        }
        var js = CircuitClient.JsIdentifiers.OrderByDescending(p => p.Value).Take(12).ToList();
        if (js.Count > 0)
        {
            report.AppendLine();
            report.AppendLine("JS interop calls the server made (all circuits, whole run): " + string.Join(", ", js.Select(p => string.Create(CultureInfo.InvariantCulture, $"`{p.Key}` {p.Value:N0}"))) + ".");
        }
        return report.ToString();
    }

    private static string Num(double value, string format) => double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Mib(long? bytes) => bytes is { } b && b > 0 ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:0.0} MiB") : "–";
}
