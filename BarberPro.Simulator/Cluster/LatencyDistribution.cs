namespace BarberPro.Simulator.Cluster;

/// <summary>
/// A log-normal request latency: the share of requests in each histogram bucket and the mean latency
/// inside each bucket, so bucket counts and <c>_sum</c> stay consistent with each other.
/// </summary>
internal static class LatencyDistribution
{
    /// <summary>Fills <paramref name="shares"/> and <paramref name="means"/>, one entry per bucket (the last is +Inf).</summary>
    public static void Compute(double median, double sigma, ReadOnlySpan<double> bounds, Span<double> shares, Span<double> means)
    {
        var mu = Math.Log(median);
        var mean = Math.Exp(mu + (sigma * sigma / 2));
        double previousCdf = 0, previousShifted = 0, lower = 0;
        for (var i = 0; i <= bounds.Length; i++)
        {
            double cdf, shifted;
            if (i < bounds.Length)
            {
                var z = (Math.Log(bounds[i]) - mu) / sigma;
                cdf = NormalCdf(z);
                shifted = NormalCdf(z - sigma);
            }
            else
            {
                cdf = 1;
                shifted = 1;
            }

            shares[i] = cdf - previousCdf;
            var upper = i < bounds.Length ? bounds[i] : lower * 4;

            // E[X | lower < X <= upper] for a log-normal; kept strictly inside the bucket so a recorded
            // value lands in the same bucket the model counted it in.
            var conditional = shares[i] > 1e-12 ? mean * (shifted - previousShifted) / shares[i] : (lower + upper) / 2;
            means[i] = Math.Clamp(conditional, lower + ((upper - lower) * 0.001), upper - ((upper - lower) * 0.001));
            previousCdf = cdf;
            previousShifted = shifted;
            lower = upper;
        }
    }

    /// <summary>Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * x));
        var erf = 1 - ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
