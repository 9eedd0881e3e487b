namespace BarberPro.Simulator.Cluster;

/// <summary>
/// What a scenario changes in the simulated cluster. Each non-normal scenario is built to make one or
/// more alert rules of deploy/prometheus/rules fire (see <see cref="ClusterScenarios"/>).
/// </summary>
public sealed record ClusterScenario(
    string Name,
    string Description,
    double TrafficMultiplier,
    double MinRequestsPerSecond,
    double MaxRequestsPerSecond,
    double CpuSecondsPerRequest,
    double MedianLatencySeconds,
    double LatencySigma,
    double ServerErrorShare,
    double ServiceUnavailableShareOfErrors,
    bool PostgresUp,
    bool RedisUp,
    double MemoryBacklogBytes);

public static class ClusterScenarios
{
    private const double GiB = 1024d * 1024 * 1024;

    /// <summary>
    /// ~2.2 ms of CPU per request: at the evening peak (~8,500 rps) the HPA settles near 27 pods at its
    /// 70 % target with one core requested per pod.
    /// </summary>
    private const double NormalCpuPerRequest = 0.0022;

    public static ClusterScenario Normal { get; } = new(
        "normal", "Daily Argentine traffic curve, healthy dependencies, 5xx about 0.05 %.",
        TrafficMultiplier: 1, MinRequestsPerSecond: 0, MaxRequestsPerSecond: double.MaxValue,
        NormalCpuPerRequest, MedianLatencySeconds: 0.034, LatencySigma: 0.45,
        ServerErrorShare: 0.0005, ServiceUnavailableShareOfErrors: 0.4, PostgresUp: true, RedisUp: true, MemoryBacklogBytes: 0);

    /// <summary>
    /// A flash sale: traffic ×2.5 held between 10,000 and 12,000 rps (the seeds' peak) whatever the hour,
    /// heavier requests (cache-cold searches) and queued work in memory. CPU per pod stays above 0.8 cores
    /// even at 50 pods (HighCPUUsage), memory above 90 % of the limit (HighMemoryUsage).
    /// </summary>
    public static ClusterScenario TrafficSpike { get; } = Normal with
    {
        Name = "traffic-spike",
        Description = "Traffic x2.5 (10,000-12,000 rps), CPU and memory up, HPA scales toward 50 pods.",
        TrafficMultiplier = 2.5,
        MinRequestsPerSecond = 10_000,
        MaxRequestsPerSecond = 12_000,
        CpuSecondsPerRequest = 0.0044,
        ServerErrorShare = 0.001,
        MemoryBacklogBytes = 1.45 * GiB,
    };

    /// <summary>PostgreSQL unreachable: pg_up 0, most writes and uncached reads answer 5xx (mostly 503).</summary>
    public static ClusterScenario DatabaseDown { get; } = Normal with
    {
        Name = "database-down",
        Description = "pg_up 0; about 30 % of requests answer 5xx, mostly 503.",
        CpuSecondsPerRequest = 0.0016,
        MedianLatencySeconds = 0.04,
        ServerErrorShare = 0.30,
        ServiceUnavailableShareOfErrors = 0.85,
        PostgresUp = false,
    };

    /// <summary>Redis unreachable: redis_up 0, every read goes to PostgreSQL, so latency rises (p95 ≈ 0.23 s).</summary>
    public static ClusterScenario RedisDown { get; } = Normal with
    {
        Name = "redis-down",
        Description = "redis_up 0; cache misses raise latency (p95 about 0.23 s) and CPU.",
        CpuSecondsPerRequest = 0.0026,
        MedianLatencySeconds = 0.082,
        ServerErrorShare = 0.002,
        RedisUp = false,
    };

    /// <summary>A slow release: p95 around 0.43 s, p99 above 0.5 s.</summary>
    public static ClusterScenario LatencyRegression { get; } = Normal with
    {
        Name = "latency-regression",
        Description = "A slow release: median 150 ms, p95 above 0.25 s.",
        MedianLatencySeconds = 0.15,
        LatencySigma = 0.5,
        ServerErrorShare = 0.001,
    };

    /// <summary>A bad dependency call: about 3 % of requests answer 5xx.</summary>
    public static ClusterScenario ErrorBurst { get; } = Normal with
    {
        Name = "error-burst",
        Description = "About 3 % of requests answer 5xx.",
        ServerErrorShare = 0.03,
        ServiceUnavailableShareOfErrors = 0.3,
    };

    public static IReadOnlyList<ClusterScenario> All { get; } = [Normal, TrafficSpike, DatabaseDown, RedisDown, LatencyRegression, ErrorBurst];

    public static bool TryGet(string? name, out ClusterScenario scenario)
    {
        scenario = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return scenario is not null;
    }

    public static string KnownNames => string.Join(", ", All.Select(s => s.Name));
}
