namespace BarberPro.Simulator.Cluster;

/// <summary>An immutable view of the simulated cluster at one instant; counters are cumulative since start.</summary>
public sealed record ClusterSnapshot(
    DateTimeOffset Timestamp,
    string Scenario,
    double RequestsPerSecond,
    double CpuUtilisation,
    IReadOnlyList<RequestSeriesSnapshot> Requests,
    HpaSnapshot Hpa,
    IReadOnlyList<PodSnapshot> Pods,
    bool PostgresUp,
    bool RedisUp,
    IReadOnlyList<ProbeSnapshot> Probes);

/// <summary>
/// One (method, code) series of the request histogram: per-bucket counts (not cumulative; the last bucket is
/// +Inf) and the sum of latencies per bucket, so a consumer can replay observations bucket by bucket.
/// </summary>
public sealed record RequestSeriesSnapshot(string Method, string Code, IReadOnlyList<long> BucketCounts, IReadOnlyList<double> BucketSums)
{
    public long Count => BucketCounts.Sum();

    public double Sum => BucketSums.Sum();
}

public sealed record HpaSnapshot(int MinReplicas, int MaxReplicas, int CurrentReplicas, int DesiredReplicas, int SpecReplicas);

/// <summary>A running pod as cAdvisor would report its container.</summary>
public sealed record PodSnapshot(string Name, double CpuSecondsTotal, double MemoryBytes, double MemoryLimitBytes);

public sealed record ProbeSnapshot(string City, double DurationSeconds);
