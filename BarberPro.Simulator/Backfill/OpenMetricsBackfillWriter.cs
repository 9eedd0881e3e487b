using System.Globalization;
using System.Text;
using BarberPro.Simulator.Cluster;

namespace BarberPro.Simulator.Backfill;

/// <summary>
/// Runs the cluster model over the past days and writes every series it produces in OpenMetrics text,
/// ending at now with <c># EOF</c>, for <c>promtool tsdb create-blocks-from openmetrics FILE DIR</c>.
/// OpenMetrics forbids interleaving metric families, so each family is written to its own temporary file
/// while the model runs once, and the files are then concatenated. Every sample carries
/// <c>job="barberpro"</c>, the job the live simulator is scraped under.
/// </summary>
public sealed class OpenMetricsBackfillWriter(TimeProvider timeProvider, int seed)
{
    public const string Job = "barberpro";

    private static readonly (string Name, string Type, string Help)[] s_families =
    [
        ("container_cpu_usage_seconds", "counter", "Cumulative CPU time consumed in seconds."),
        ("container_memory_usage_bytes", "gauge", "Current memory usage in bytes, including all memory regardless of when it was accessed."),
        ("container_spec_memory_limit_bytes", "gauge", "Memory limit for the container in bytes."),
        ("http_request_duration_seconds", "histogram", "HTTP request duration of the BarberPro API in seconds."),
        ("http_requests", "counter", "Total HTTP requests handled by the BarberPro API, by status code and method."),
        ("kube_deployment_spec_replicas", "gauge", "Number of desired pods for a deployment."),
        ("kube_deployment_status_replicas", "gauge", "The number of replicas per deployment."),
        ("kube_horizontalpodautoscaler_spec_max_replicas", "gauge", "Upper limit for the number of pods that can be set by the autoscaler."),
        ("kube_horizontalpodautoscaler_spec_min_replicas", "gauge", "Lower limit for the number of pods that can be set by the autoscaler."),
        ("kube_horizontalpodautoscaler_status_current_replicas", "gauge", "Current number of replicas of pods managed by this autoscaler."),
        ("kube_horizontalpodautoscaler_status_desired_replicas", "gauge", "Desired number of replicas of pods managed by this autoscaler."),
        ("pg_up", "gauge", "Whether the last scrape of metrics from PostgreSQL was able to connect to the server."),
        ("probe_duration_seconds", "gauge", "Returns how long the probe took to complete in seconds."),
        ("redis_up", "gauge", "Information about the Redis instance."),
    ];

    /// <summary>Writes the history and returns the file size in bytes.</summary>
    public async Task<long> WriteAsync(string path, TimeSpan history, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (step <= TimeSpan.Zero || history < step)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive and not longer than the history.");
        }

        var end = timeProvider.GetUtcNow();
        end = DateTimeOffset.FromUnixTimeSeconds(end.ToUnixTimeSeconds());
        var start = end - history;
        var model = new ClusterModel(seed, timeProvider, start);
        var tempDirectory = Directory.CreateTempSubdirectory("barberpro-backfill-");
        try
        {
            var writers = s_families.ToDictionary(
                f => f.Name,
                f => new StreamWriter(Path.Combine(tempDirectory.FullName, f.Name), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" },
                StringComparer.Ordinal);
            try
            {
                WriteSamples(start, model.Snapshot(), writers);
                for (var t = start + step; t <= end; t += step)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteSamples(t, model.Advance(step, t), writers);
                }
            }
            finally
            {
                foreach (var writer in writers.Values)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }

            var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (output.ConfigureAwait(false))
            {
                foreach (var (name, type, help) in s_families)
                {
                    var header = Encoding.UTF8.GetBytes($"# HELP {name} {OpenMetricsText.EscapeHelp(help)}\n# TYPE {name} {type}\n");
                    await output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                    var part = File.OpenRead(Path.Combine(tempDirectory.FullName, name));
                    await using (part.ConfigureAwait(false))
                    {
                        await part.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    }
                }

                await output.WriteAsync("# EOF\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                return output.Length;
            }
        }
        finally
        {
            tempDirectory.Delete(recursive: true);
        }
    }

    private static void WriteSamples(DateTimeOffset at, ClusterSnapshot snapshot, Dictionary<string, StreamWriter> writers)
    {
        var ts = " " + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var ns = $"namespace=\"{ClusterModel.Namespace}\",job=\"{Job}\"";

        foreach (var pod in snapshot.Pods)
        {
            var labels = $"{{container=\"{ClusterModel.Container}\",{ns},pod=\"{pod.Name}\"}}";
            Line(writers["container_cpu_usage_seconds"], "container_cpu_usage_seconds_total", labels, Math.Round(pod.CpuSecondsTotal, 3), ts);
            Line(writers["container_memory_usage_bytes"], "container_memory_usage_bytes", labels, Math.Round(pod.MemoryBytes), ts);
            Line(writers["container_spec_memory_limit_bytes"], "container_spec_memory_limit_bytes", labels, pod.MemoryLimitBytes, ts);
        }

        var histogram = writers["http_request_duration_seconds"];
        var requests = writers["http_requests"];
        foreach (var series in snapshot.Requests)
        {
            var labels = $"code=\"{series.Code}\",method=\"{series.Method}\",job=\"{Job}\"";
            long cumulative = 0;
            for (var b = 0; b < series.BucketCounts.Count; b++)
            {
                cumulative += series.BucketCounts[b];
                var le = b < ClusterModel.LatencyBuckets.Count ? OpenMetricsText.FormatDouble(ClusterModel.LatencyBuckets[b]) : "+Inf";
                Line(histogram, "http_request_duration_seconds_bucket", $"{{{labels},le=\"{le}\"}}", cumulative, ts);
            }

            Line(histogram, "http_request_duration_seconds_sum", $"{{{labels}}}", Math.Round(series.Sum, 3), ts);
            Line(histogram, "http_request_duration_seconds_count", $"{{{labels}}}", cumulative, ts);
            Line(requests, "http_requests_total", $"{{{labels}}}", cumulative, ts);
        }

        var deployment = $"{{deployment=\"{ClusterModel.Deployment}\",{ns}}}";
        Line(writers["kube_deployment_spec_replicas"], "kube_deployment_spec_replicas", deployment, snapshot.Hpa.SpecReplicas, ts);
        Line(writers["kube_deployment_status_replicas"], "kube_deployment_status_replicas", deployment, snapshot.Hpa.CurrentReplicas, ts);
        var hpa = $"{{horizontalpodautoscaler=\"{ClusterModel.HpaName}\",{ns}}}";
        Line(writers["kube_horizontalpodautoscaler_spec_max_replicas"], "kube_horizontalpodautoscaler_spec_max_replicas", hpa, snapshot.Hpa.MaxReplicas, ts);
        Line(writers["kube_horizontalpodautoscaler_spec_min_replicas"], "kube_horizontalpodautoscaler_spec_min_replicas", hpa, snapshot.Hpa.MinReplicas, ts);
        Line(writers["kube_horizontalpodautoscaler_status_current_replicas"], "kube_horizontalpodautoscaler_status_current_replicas", hpa, snapshot.Hpa.CurrentReplicas, ts);
        Line(writers["kube_horizontalpodautoscaler_status_desired_replicas"], "kube_horizontalpodautoscaler_status_desired_replicas", hpa, snapshot.Hpa.DesiredReplicas, ts);

        var job = $"{{job=\"{Job}\"}}";
        Line(writers["pg_up"], "pg_up", job, snapshot.PostgresUp ? 1 : 0, ts);
        Line(writers["redis_up"], "redis_up", job, snapshot.RedisUp ? 1 : 0, ts);
        foreach (var probe in snapshot.Probes)
        {
            Line(writers["probe_duration_seconds"], "probe_duration_seconds", $"{{city=\"{OpenMetricsText.EscapeLabelValue(probe.City)}\",job=\"{Job}\"}}", Math.Round(probe.DurationSeconds, 5), ts);
        }
    }

    private static void Line(StreamWriter writer, string name, string labels, double value, string timestamp)
    {
        writer.Write(name);
        writer.Write(labels);
        writer.Write(' ');
        writer.Write(OpenMetricsText.FormatDouble(value));
        writer.WriteLine(timestamp);
    }
}
