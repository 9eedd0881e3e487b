using Prometheus;

namespace BarberPro.Simulator.Cluster;

/// <summary>
/// Exposes the model as the series real exporters would serve (backend, kube-state-metrics, cAdvisor,
/// postgres_exporter, redis_exporter, blackbox_exporter). Nothing is recorded between scrapes: just before each
/// collection every series is brought up to the host's latest snapshot, so one scrape shows one instant of the
/// cluster (request counters, latencies, pods and gauges all from the same <see cref="ClusterSnapshot"/>).
/// </summary>
public sealed class ClusterMetrics
{
    /// <summary>Label names in the order the series are written (sorted, as the exporters they imitate do).</summary>
    private static readonly string[] s_requestLabels = ["code", "method"];
    private static readonly string[] s_podLabels = ["container", "namespace", "pod"];

    private readonly ClusterModelHost _host;
    private readonly Lock _lock = new();
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _cpu;
    private readonly Gauge _memory;
    private readonly Gauge _memoryLimit;
    private readonly Gauge _deploymentSpecReplicas;
    private readonly Gauge _deploymentStatusReplicas;
    private readonly Gauge _hpaMin;
    private readonly Gauge _hpaMax;
    private readonly Gauge _hpaCurrent;
    private readonly Gauge _hpaDesired;
    private readonly Gauge _postgresUp;
    private readonly Gauge _redisUp;
    private readonly Gauge _probeDuration;
    private ClusterSnapshot _published;
    private HashSet<string> _pods = new(StringComparer.Ordinal);

    public ClusterMetrics(CollectorRegistry registry, ClusterModelHost host)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        _published = host.Latest;
        var metrics = Metrics.WithCustomRegistry(registry);

        _requests = metrics.CreateCounter("http_requests_total", "Total HTTP requests handled by the BarberPro API, by status code and method.", s_requestLabels);
        _duration = metrics.CreateHistogram("http_request_duration_seconds", "HTTP request duration of the BarberPro API in seconds.",
            new HistogramConfiguration { LabelNames = s_requestLabels, Buckets = [.. ClusterModel.LatencyBuckets] });

        _cpu = metrics.CreateCounter("container_cpu_usage_seconds_total", "Cumulative CPU time consumed in seconds.", s_podLabels);
        _memory = metrics.CreateGauge("container_memory_usage_bytes", "Current memory usage in bytes, including all memory regardless of when it was accessed.", s_podLabels);
        _memoryLimit = metrics.CreateGauge("container_spec_memory_limit_bytes", "Memory limit for the container in bytes.", s_podLabels);

        _deploymentSpecReplicas = metrics.CreateGauge("kube_deployment_spec_replicas", "Number of desired pods for a deployment.", "deployment", "namespace");
        _deploymentStatusReplicas = metrics.CreateGauge("kube_deployment_status_replicas", "The number of replicas per deployment.", "deployment", "namespace");
        _hpaMin = metrics.CreateGauge("kube_horizontalpodautoscaler_spec_min_replicas", "Lower limit for the number of pods that can be set by the autoscaler, default 1.", "horizontalpodautoscaler", "namespace");
        _hpaMax = metrics.CreateGauge("kube_horizontalpodautoscaler_spec_max_replicas", "Upper limit for the number of pods that can be set by the autoscaler; cannot be smaller than MinReplicas.", "horizontalpodautoscaler", "namespace");
        _hpaCurrent = metrics.CreateGauge("kube_horizontalpodautoscaler_status_current_replicas", "Current number of replicas of pods managed by this autoscaler.", "horizontalpodautoscaler", "namespace");
        _hpaDesired = metrics.CreateGauge("kube_horizontalpodautoscaler_status_desired_replicas", "Desired number of replicas of pods managed by this autoscaler.", "horizontalpodautoscaler", "namespace");

        _postgresUp = metrics.CreateGauge("pg_up", "Whether the last scrape of metrics from PostgreSQL was able to connect to the server (1 for yes, 0 for no).");
        _redisUp = metrics.CreateGauge("redis_up", "Information about the Redis instance.");
        _probeDuration = metrics.CreateGauge("probe_duration_seconds", "Returns how long the probe took to complete in seconds.", "city");

        // Every request series exists from the first scrape, at 0, as the backend's client library would show it.
        foreach (var series in _published.Requests)
        {
            _requests.WithLabels(series.Code, series.Method);
            _duration.WithLabels(series.Code, series.Method);
        }

        Update();
        registry.AddBeforeCollectCallback(Update);
    }

    /// <summary>Brings every series up to the host's latest snapshot. Concurrent scrapes take turns.</summary>
    private void Update()
    {
        lock (_lock)
        {
            var current = _host.Latest;
            ReplayRequests(_published, current);
            SetPods(current);
            SetGauges(current);
            _published = current;
        }
    }

    /// <summary>
    /// Adds the requests that happened between two snapshots, bucket by bucket: each bucket's new requests are
    /// observed at their mean latency, which lies inside the bucket, so bucket counts, _count and _sum all match
    /// the model's exactly, however many ticks passed since the last scrape.
    /// </summary>
    private void ReplayRequests(ClusterSnapshot previous, ClusterSnapshot current)
    {
        for (var s = 0; s < current.Requests.Count; s++)
        {
            var now = current.Requests[s];
            var before = previous.Requests[s];
            var added = now.Count - before.Count;
            if (added <= 0)
            {
                continue;
            }

            _requests.WithLabels(now.Code, now.Method).Inc(added);
            var duration = _duration.WithLabels(now.Code, now.Method);
            for (var b = 0; b < now.BucketCounts.Count; b++)
            {
                var count = now.BucketCounts[b] - before.BucketCounts[b];
                if (count > 0)
                {
                    duration.Observe((now.BucketSums[b] - before.BucketSums[b]) / count, count);
                }
            }
        }
    }

    /// <summary>Per-pod series follow the running pods: a pod that is gone disappears, as it does from cAdvisor.</summary>
    private void SetPods(ClusterSnapshot current)
    {
        var running = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in current.Pods)
        {
            running.Add(pod.Name);
            string[] labels = [ClusterModel.Container, ClusterModel.Namespace, pod.Name];
            _cpu.WithLabels(labels).IncTo(pod.CpuSecondsTotal);
            _memory.WithLabels(labels).Set(pod.MemoryBytes);
            _memoryLimit.WithLabels(labels).Set(pod.MemoryLimitBytes);
        }

        foreach (var gone in _pods.Where(p => !running.Contains(p)))
        {
            string[] labels = [ClusterModel.Container, ClusterModel.Namespace, gone];
            _cpu.RemoveLabelled(labels);
            _memory.RemoveLabelled(labels);
            _memoryLimit.RemoveLabelled(labels);
        }

        _pods = running;
    }

    private void SetGauges(ClusterSnapshot current)
    {
        _deploymentSpecReplicas.WithLabels(ClusterModel.Deployment, ClusterModel.Namespace).Set(current.Hpa.SpecReplicas);
        _deploymentStatusReplicas.WithLabels(ClusterModel.Deployment, ClusterModel.Namespace).Set(current.Hpa.CurrentReplicas);
        _hpaMin.WithLabels(ClusterModel.HpaName, ClusterModel.Namespace).Set(current.Hpa.MinReplicas);
        _hpaMax.WithLabels(ClusterModel.HpaName, ClusterModel.Namespace).Set(current.Hpa.MaxReplicas);
        _hpaCurrent.WithLabels(ClusterModel.HpaName, ClusterModel.Namespace).Set(current.Hpa.CurrentReplicas);
        _hpaDesired.WithLabels(ClusterModel.HpaName, ClusterModel.Namespace).Set(current.Hpa.DesiredReplicas);
        _postgresUp.Set(current.PostgresUp ? 1 : 0);
        _redisUp.Set(current.RedisUp ? 1 : 0);
        foreach (var probe in current.Probes)
        {
            _probeDuration.WithLabels(probe.City).Set(probe.DurationSeconds);
        }
    }
}
