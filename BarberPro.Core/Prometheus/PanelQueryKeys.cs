namespace BarberPro.Core.Prometheus;

/// <summary>Keys of <see cref="PanelQueryCatalog"/>; also the names under <c>Panels:Queries</c> in configuration.</summary>
public static class PanelQueryKeys
{
    /// <summary>Success ratio (0..1) over <c>{{window}}</c>: 1 − 5xx/total.</summary>
    public const string AvailabilityRatio = nameof(AvailabilityRatio);

    /// <summary>Mean request duration in seconds over <c>{{rate}}</c>.</summary>
    public const string LatencyAverage = nameof(LatencyAverage);

    /// <summary>95th percentile request duration in seconds (histogram).</summary>
    public const string LatencyP95 = nameof(LatencyP95);

    /// <summary>99th percentile request duration in seconds (histogram).</summary>
    public const string LatencyP99 = nameof(LatencyP99);

    /// <summary>Requests per second now.</summary>
    public const string RequestsPerSecond = nameof(RequestsPerSecond);

    /// <summary>Highest requests per second over <c>{{window}}</c> (a subquery at the server's evaluation interval).</summary>
    public const string RequestsPerSecondPeak = nameof(RequestsPerSecondPeak);

    /// <summary>Share (0..1) of responses with a 5xx status.</summary>
    public const string ErrorRatio5xx = nameof(ErrorRatio5xx);

    /// <summary>Replicas the deployment runs.</summary>
    public const string PodsCurrent = nameof(PodsCurrent);

    /// <summary>Replicas the deployment's spec asks for (what the HPA last set).</summary>
    public const string PodsDesired = nameof(PodsDesired);

    public const string HpaMin = nameof(HpaMin);

    public const string HpaMax = nameof(HpaMax);

    /// <summary>Replicas the HPA currently counts.</summary>
    public const string HpaCurrent = nameof(HpaCurrent);

    /// <summary>Replicas the HPA wants.</summary>
    public const string HpaDesired = nameof(HpaDesired);

    /// <summary>CPU cores used per pod, read as a ratio to a 1-core request (0.7 = 70 % of the request; HPA target 0.7).</summary>
    public const string CpuUtilisation = nameof(CpuUtilisation);

    /// <summary>Memory used / memory limit (0..1) of the API containers.</summary>
    public const string MemoryUtilisation = nameof(MemoryUtilisation);

    /// <summary>1 when every PostgreSQL exporter sees its database, 0 otherwise.</summary>
    public const string PostgresUp = nameof(PostgresUp);

    /// <summary>1 when every Redis exporter sees its Redis, 0 otherwise.</summary>
    public const string RedisUp = nameof(RedisUp);

    /// <summary>Probe duration in seconds, one series per <c>city</c> label.</summary>
    public const string ProbeLatencyByCity = nameof(ProbeLatencyByCity);

    /// <summary>Probe duration in seconds of one <c>{{city}}</c>.</summary>
    public const string ProbeLatencyCity = nameof(ProbeLatencyCity);

    /// <summary>Error-budget burn rate over <c>{{window}}</c>: 5xx ratio / (1 − SLO). 1 spends the budget exactly by the end of the period.</summary>
    public const string BurnRate = nameof(BurnRate);

    /// <summary>Mean requests per second over <c>{{window}}</c>, from the samples Prometheus holds (cost page).</summary>
    public const string RequestsPerSecondAverage = nameof(RequestsPerSecondAverage);

    /// <summary>Mean running pods of the deployment over <c>{{window}}</c> (pod-hours ÷ hours, for the compute estimate).</summary>
    public const string PodsAverage = nameof(PodsAverage);

    /// <summary>Fewest running pods of the deployment over <c>{{window}}</c> (5-minute steps; reports).</summary>
    public const string PodsMin = nameof(PodsMin);

    /// <summary>Most running pods of the deployment over <c>{{window}}</c> (5-minute steps; reports).</summary>
    public const string PodsMax = nameof(PodsMax);

    /// <summary>How many times the HPA's desired replicas changed over <c>{{window}}</c> (1-minute steps; reports).</summary>
    public const string ScaleEventCount = nameof(ScaleEventCount);

    /// <summary>Minutes each alert (one series per <c>alertname</c>) was firing over <c>{{window}}</c>, from <c>ALERTS</c> (reports).</summary>
    public const string AlertFiringMinutes = nameof(AlertFiringMinutes);
}
