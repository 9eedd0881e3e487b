using BarberPro.Simulator.Cluster;

namespace BarberPro.Simulator.Tests.Support;

/// <summary>PromQL-like arithmetic over two snapshots: rates, ratios and histogram_quantile.</summary>
internal static class Histograms
{
    public static long Requests(ClusterSnapshot from, ClusterSnapshot to, Func<RequestSeriesSnapshot, bool>? filter = null) =>
        to.Requests.Zip(from.Requests).Where(p => filter?.Invoke(p.First) ?? true).Sum(p => p.First.Count - p.Second.Count);

    public static double ServerErrorRatio(ClusterSnapshot from, ClusterSnapshot to) =>
        (double)Requests(from, to, s => s.Code.StartsWith('5')) / Requests(from, to);

    public static double Average(ClusterSnapshot from, ClusterSnapshot to) =>
        to.Requests.Zip(from.Requests).Sum(p => p.First.Sum - p.Second.Sum) / Requests(from, to);

    /// <summary>histogram_quantile(q, sum by (le) (increase(...))) with Prometheus' linear interpolation.</summary>
    public static double Quantile(double q, ClusterSnapshot from, ClusterSnapshot to)
    {
        var buckets = ClusterModel.LatencyBuckets.Count + 1;
        var counts = new double[buckets];
        foreach (var (now, before) in to.Requests.Zip(from.Requests))
        {
            for (var b = 0; b < buckets; b++)
            {
                counts[b] += now.BucketCounts[b] - before.BucketCounts[b];
            }
        }

        var total = counts.Sum();
        var rank = q * total;
        double cumulative = 0;
        for (var b = 0; b < buckets; b++)
        {
            if (cumulative + counts[b] >= rank)
            {
                if (b == buckets - 1)
                {
                    return ClusterModel.LatencyBuckets[^1];
                }

                var lower = b == 0 ? 0 : ClusterModel.LatencyBuckets[b - 1];
                var upper = ClusterModel.LatencyBuckets[b];
                return lower + ((upper - lower) * (rank - cumulative) / counts[b]);
            }

            cumulative += counts[b];
        }

        return double.NaN;
    }
}
