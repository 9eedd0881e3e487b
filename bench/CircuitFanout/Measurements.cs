using System.Globalization;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>The body of the dashboard's <c>GET /diagnostics/memory</c> (Hosting/BenchmarkEndpoints.cs).</summary>
internal sealed record DiagnosticsMemory(long ManagedBytesAfterFullGc, long RssBytes, string GcMode, string GcLatencyMode,
    int GcConserveMemory, long HeapSizeBytes, long OpenCircuits, long CircuitsOpened);

internal sealed record MemorySample(DiagnosticsMemory? Diagnostics, long RssBytes)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"managed {(Diagnostics is { } d ? $"{d.ManagedBytesAfterFullGc / 1048576.0:0.0} MiB ({d.GcMode} GC, {d.OpenCircuits} open circuits)" : "unknown")}, RSS {RssBytes / 1048576.0:0.0} MiB");
}

/// <summary>Requests Prometheus served on the query endpoints, polls the dashboard finished, and their total duration.</summary>
internal readonly record struct Counters(double Queries, double Polls, double PollSeconds);

/// <summary>
/// From each snapshot to each circuit's render batch: for every snapshot k seen by the live API (reference: its
/// generatedAt, else its arrival there) and every circuit, the first batch that arrived in [k, k+1) counts as the
/// render of snapshot k. A circuit with no batch in that interval is counted as missed (its view did not change, or it
/// fell behind). <see cref="SinceLiveApi"/> holds the same renders measured from the snapshot's arrival on the live API
/// instead (negative when a circuit's batch came first): the fan-out beyond the plain broadcast.
/// </summary>
internal sealed record Spread(List<TimeSpan> Samples, List<TimeSpan> SinceLiveApi, int Snapshots, int Missed, bool FromGeneratedAt)
{
    public TimeSpan? Percentile(double p) => Percentile(Samples, p);

    public static TimeSpan? Percentile(List<TimeSpan> samples, double p)
    {
        if (samples.Count == 0)
        {
            return null;
        }
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static Spread Measure(IReadOnlyList<Tick> ticks, IReadOnlyList<List<DateTimeOffset>> arrivalsPerCircuit)
    {
        var samples = new List<TimeSpan>();
        var sinceLiveApi = new List<TimeSpan>();
        var missed = 0;
        // The last tick closes the window: it has no interval of its own.
        for (var k = 0; k + 1 < ticks.Count; k++)
        {
            var from = ticks[k].Reference;
            var to = ticks[k + 1].Reference;
            foreach (var arrivals in arrivalsPerCircuit)
            {
                var first = arrivals.FirstOrDefault(a => a >= from && a < to);
                if (first == default)
                {
                    missed++;
                }
                else
                {
                    samples.Add(first - from);
                    sinceLiveApi.Add(first - ticks[k].Arrived);
                }
            }
        }
        return new Spread(samples, sinceLiveApi, Math.Max(0, ticks.Count - 1), missed, ticks.Count > 0 && ticks.All(t => t.GeneratedAt is not null));
    }
}

internal sealed record StepResult(int Target, int Circuits, int Connected, int FailedStarts, TimeSpan Ramp, MemorySample Memory,
    Counters Before, Counters After, TimeSpan Window, double Cpu, long Batches, Spread Spread, double LoadAverage)
{
    public double QueriesPerSnapshot => (After.Queries - Before.Queries) / (After.Polls - Before.Polls);

    public double Polls => After.Polls - Before.Polls;

    /// <summary>Mean duration of the polls in the window (the dashboard's poll histogram): generatedAt is a poll's start.</summary>
    public TimeSpan? MeanPoll => Polls > 0 ? TimeSpan.FromSeconds((After.PollSeconds - Before.PollSeconds) / Polls) : null;

    public double? ManagedPerCircuit(MemorySample baseline) =>
        Memory.Diagnostics is { } now && baseline.Diagnostics is { } zero && Circuits > 0
            ? (now.ManagedBytesAfterFullGc - zero.ManagedBytesAfterFullGc) / (double)Circuits
            : null;

    public double? RssPerCircuit(MemorySample baseline) =>
        Memory.RssBytes > 0 && baseline.RssBytes > 0 && Circuits > 0 ? (Memory.RssBytes - baseline.RssBytes) / (double)Circuits : null;

    public string Describe(MemorySample baseline) => string.Create(CultureInfo.InvariantCulture,
        $"{Circuits} circuits ({Connected} connected, {FailedStarts} failed to start), {Polls:0} polls, {QueriesPerSnapshot:0.00} queries/snapshot, " +
        $"managed/circuit {Kib(ManagedPerCircuit(baseline))}, RSS/circuit {Kib(RssPerCircuit(baseline))}, {Memory}, " +
        $"mean poll {Ms(MeanPoll)}, snapshot → render p50 {Ms(Spread.Percentile(0.5))} p95 {Ms(Spread.Percentile(0.95))} (from the live API p50 {Ms(Spread.Percentile(Spread.SinceLiveApi, 0.5))} p95 {Ms(Spread.Percentile(Spread.SinceLiveApi, 0.95))}) over {Spread.Samples.Count} renders ({Spread.Missed} missed), " +
        $"{Batches / Window.TotalSeconds:0.0} batches/s, CPU {Cpu:P0}, machine load {LoadAverage:0.0}");

    /// <summary>The machine's 1-minute load average (/proc/loadavg): how busy the 2 cores were with everything else.</summary>
    public static double ReadLoadAverage() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
        : double.NaN;

    public static string Kib(double? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1024:0} KiB") : "–";

    public static string Ms(TimeSpan? t) => t is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.TotalMilliseconds:0} ms") : "–";
}

/// <summary>One live API message: when it arrived here, and when the server generated its snapshot (if it says).</summary>
internal readonly record struct Tick(DateTimeOffset Arrived, DateTimeOffset? GeneratedAt)
{
    /// <summary>The moment the snapshot existed: its generatedAt (same machine clock), else its arrival here.</summary>
    public DateTimeOffset Reference => GeneratedAt ?? Arrived;
}
