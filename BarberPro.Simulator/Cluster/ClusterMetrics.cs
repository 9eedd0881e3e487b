using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BarberPro.Simulator.Cluster;

/// <summary>
/// Exposes the model as the instruments real exporters would serve (backend, kube-state-metrics, cAdvisor,
/// postgres_exporter, redis_exporter, blackbox_exporter). Gauges and the per-pod CPU counter read the latest
/// snapshot at scrape time; request counts and latencies are replayed from one snapshot to the next.
/// </summary>
public sealed class ClusterMetrics
{
    public const string MeterName = "BarberPro.Simulator.Cluster";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;

    public ClusterMetrics(IMeterFactory meterFactory, ClusterModelHost host)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(host);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("http_requests_total", description: "Total HTTP requests handled by the BarberPro API, by status code and method.");
        _duration = meter.CreateHistogram(
            "http_request_duration_seconds",
            unit: "s",
            description: "HTTP request duration of the BarberPro API in seconds.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ClusterModel.LatencyBuckets });

        meter.CreateObservableCounter("container_cpu_usage_seconds_total", () => host.Latest.Pods.Select(p => new Measurement<double>(p.CpuSecondsTotal, PodTags(p))), "s", "Cumulative CPU time consumed in seconds.");
        meter.CreateObservableGauge("container_memory_usage_bytes", () => host.Latest.Pods.Select(p => new Measurement<double>(p.MemoryBytes, PodTags(p))), "By", "Current memory usage in bytes, including all memory regardless of when it was accessed.");
        meter.CreateObservableGauge("container_spec_memory_limit_bytes", () => host.Latest.Pods.Select(p => new Measurement<double>(p.MemoryLimitBytes, PodTags(p))), "By", "Memory limit for the container in bytes.");

        meter.CreateObservableGauge("kube_deployment_spec_replicas", () => new Measurement<int>(host.Latest.Hpa.SpecReplicas, DeploymentTags()), null, "Number of desired pods for a deployment.");
        meter.CreateObservableGauge("kube_deployment_status_replicas", () => new Measurement<int>(host.Latest.Hpa.CurrentReplicas, DeploymentTags()), null, "The number of replicas per deployment.");
        meter.CreateObservableGauge("kube_horizontalpodautoscaler_spec_min_replicas", () => new Measurement<int>(host.Latest.Hpa.MinReplicas, HpaTags()), null, "Lower limit for the number of pods that can be set by the autoscaler, default 1.");
        meter.CreateObservableGauge("kube_horizontalpodautoscaler_spec_max_replicas", () => new Measurement<int>(host.Latest.Hpa.MaxReplicas, HpaTags()), null, "Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.");
        meter.CreateObservableGauge("kube_horizontalpodautoscaler_status_current_replicas", () => new Measurement<int>(host.Latest.Hpa.CurrentReplicas, HpaTags()), null, "Current number of replicas of pods managed by this autoscaler.");
        meter.CreateObservableGauge("kube_horizontalpodautoscaler_status_desired_replicas", () => new Measurement<int>(host.Latest.Hpa.DesiredReplicas, HpaTags()), null, "Desired number of replicas of pods managed by this autoscaler.");

        meter.CreateObservableGauge("pg_up", () => host.Latest.PostgresUp ? 1 : 0, null, "Whether the last scrape of metrics from PostgreSQL was able to connect to the server (1 for yes, 0 for no).");
        meter.CreateObservableGauge("redis_up", () => host.Latest.RedisUp ? 1 : 0, null, "Information about the Redis instance.");
        meter.CreateObservableGauge("probe_duration_seconds", () => host.Latest.Probes.Select(p => new Measurement<double>(p.DurationSeconds, new KeyValuePair<string, object?>("city", p.City))), "s", "Returns how long the probe took to complete in seconds.");
    }

    /// <summary>Records the requests that happened between two snapshots, bucket by bucket.</summary>
    public void Publish(ClusterSnapshot previous, ClusterSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        for (var s = 0; s < current.Requests.Count; s++)
        {
            var now = current.Requests[s];
            var before = previous.Requests[s];
            var tags = new TagList { { "code", now.Code }, { "method", now.Method } };
            _requests.Add(now.Count - before.Count, tags);
            for (var b = 0; b < now.BucketCounts.Count; b++)
            {
                var count = now.BucketCounts[b] - before.BucketCounts[b];
                if (count <= 0)
                {
                    continue;
                }

                // The mean latency of this bucket over the interval: inside the bucket, and the exported
                // _sum matches the model's.
                var value = (now.BucketSums[b] - before.BucketSums[b]) / count;
                for (var i = 0; i < count; i++)
                {
                    _duration.Record(value, tags);
                }
            }
        }
    }

    private static TagList PodTags(PodSnapshot pod) => new()
    {
        { "container", ClusterModel.Container },
        { "namespace", ClusterModel.Namespace },
        { "pod", pod.Name },
    };

    private static KeyValuePair<string, object?>[] DeploymentTags() =>
        [new("deployment", ClusterModel.Deployment), new("namespace", ClusterModel.Namespace)];

    private static KeyValuePair<string, object?>[] HpaTags() =>
        [new("horizontalpodautoscaler", ClusterModel.HpaName), new("namespace", ClusterModel.Namespace)];
}
