namespace BarberPro.Simulator.Cluster;

/// <summary>
/// The seeds' autoscaling/v2 HPA (min 5, max 50, CPU target 70 %) with its behaviour: scale-up stabilised
/// over 60 s and limited to +10 pods per 60 s; scale-down stabilised over 300 s and limited to −2 pods
/// per 60 s; no action within the controller's 10 % tolerance. Follows the Kubernetes controller's
/// algorithm (replica_calculator.go, horizontal.go), evaluated every 15 s like its sync period.
/// </summary>
public sealed class HorizontalPodAutoscaler
{
    public const int MinReplicas = 5;
    public const int MaxReplicas = 50;
    public const double TargetCpuUtilisation = 0.70;
    public const double Tolerance = 0.10;
    public const int ScaleUpPods = 10;
    public const int ScaleDownPods = 2;
    public static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ScaleUpStabilisation = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ScaleDownStabilisation = TimeSpan.FromSeconds(300);
    public static readonly TimeSpan PolicyPeriod = TimeSpan.FromSeconds(60);

    private readonly List<(DateTimeOffset At, int Replicas)> _recommendations = [];
    private readonly List<(DateTimeOffset At, int Change)> _scaleEvents = [];

    public int LastDesired { get; private set; } = MinReplicas;

    /// <summary>One controller sync: returns the new spec replicas for the deployment.</summary>
    public int Evaluate(DateTimeOffset now, int currentReplicas, double cpuUtilisation)
    {
        var ratio = cpuUtilisation / TargetCpuUtilisation;
        var recommendation = Math.Abs(ratio - 1) <= Tolerance
            ? currentReplicas
            : (int)Math.Ceiling(currentReplicas * ratio);
        recommendation = Math.Clamp(recommendation, MinReplicas, MaxReplicas);

        _recommendations.Add((now, recommendation));
        _recommendations.RemoveAll(r => now - r.At > ScaleDownStabilisation);

        // Scale up only as far as every recommendation of the last 60 s agrees; scale down only as far
        // as every recommendation of the last 300 s agrees.
        var upRecommendation = _recommendations.Where(r => now - r.At <= ScaleUpStabilisation).Min(r => r.Replicas);
        var downRecommendation = _recommendations.Max(r => r.Replicas);
        var stabilised = currentReplicas;
        if (upRecommendation > currentReplicas)
        {
            stabilised = upRecommendation;
        }
        else if (downRecommendation < currentReplicas)
        {
            stabilised = downRecommendation;
        }

        _scaleEvents.RemoveAll(e => now - e.At >= PolicyPeriod);
        var scaledUpInPeriod = _scaleEvents.Where(e => e.Change > 0).Sum(e => e.Change);
        var scaledDownInPeriod = -_scaleEvents.Where(e => e.Change < 0).Sum(e => e.Change);
        var upLimit = currentReplicas - scaledUpInPeriod + ScaleUpPods;
        var downLimit = currentReplicas + scaledDownInPeriod - ScaleDownPods;
        var desired = Math.Clamp(Math.Clamp(stabilised, downLimit, Math.Max(downLimit, upLimit)), MinReplicas, MaxReplicas);

        if (desired != currentReplicas)
        {
            _scaleEvents.Add((now, desired - currentReplicas));
        }

        LastDesired = desired;
        return desired;
    }
}
