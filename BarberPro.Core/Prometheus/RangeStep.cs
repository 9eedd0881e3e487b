namespace BarberPro.Core.Prometheus;

/// <summary>A range query window: aligned bounds, the step between points, and the rate window to use in the query.</summary>
public sealed record RangeWindow(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step, TimeSpan RateWindow)
{
    /// <summary>Points per series Prometheus will return at most (one per step, both ends included).</summary>
    public int PointCount => (int)((End - Start) / Step) + 1;
}

/// <summary>
/// Grafana-style step calculation for chart ranges. Rules:
/// <list type="bullet">
/// <item>step = max(range / (maxPoints − 1), scrape interval), rounded up to the next "nice" interval
/// (1s, 2s, 5s, 10s, 15s, 20s, 30s, 1m, 2m, 5m, 10m, 15m, 20m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, then whole days),
/// so a series has at most maxPoints points and never a step finer than the data;</item>
/// <item>start and end are floored to a multiple of the step since the Unix epoch, so successive refreshes
/// evaluate the same instants (stable charts, cache-friendly) and the newest point is at most one step old;</item>
/// <item>rate window = max(step + scrape interval, 4 × scrape interval) (Grafana's <c>$__rate_interval</c>):
/// at least four scrapes so one missed scrape does not empty the rate, and wider than the step so no sample
/// falls between two evaluations.</item>
/// </list>
/// </summary>
public static class RangeStep
{
    public const int DefaultMaxPoints = 1000;

    private static readonly TimeSpan[] s_niceSteps =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1),
    ];

    /// <summary>The chart ranges the dashboard offers, by their Prometheus duration.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> StandardRanges { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["6h"] = TimeSpan.FromHours(6),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
    };

    /// <summary>The step for <paramref name="range"/>, see the type's rules.</summary>
    public static TimeSpan Step(TimeSpan range, TimeSpan scrapeInterval, int maxPoints = DefaultMaxPoints)
    {
        Validate(range, scrapeInterval, maxPoints);
        var raw = range / (maxPoints - 1);
        if (raw < scrapeInterval)
        {
            raw = scrapeInterval;
        }

        foreach (var nice in s_niceSteps)
        {
            if (nice >= raw)
            {
                return nice;
            }
        }

        var days = Math.Ceiling(raw / TimeSpan.FromDays(1));
        return TimeSpan.FromDays(days);
    }

    /// <summary>max(step + scrape interval, 4 × scrape interval), in whole seconds.</summary>
    public static TimeSpan RateWindow(TimeSpan step, TimeSpan scrapeInterval)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        if (scrapeInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(scrapeInterval), scrapeInterval, "The scrape interval must be positive.");
        }

        var window = step + scrapeInterval;
        var minimum = scrapeInterval * 4;
        if (window < minimum)
        {
            window = minimum;
        }

        return TimeSpan.FromSeconds(Math.Ceiling(window.TotalSeconds));
    }

    /// <summary>The rate window of an instant (live) query: four scrape intervals, in whole seconds.</summary>
    public static TimeSpan InstantRateWindow(TimeSpan scrapeInterval) => RateWindow(scrapeInterval, scrapeInterval);

    /// <summary>The window for a chart of <paramref name="range"/> ending at <paramref name="end"/> (usually now).</summary>
    public static RangeWindow Calculate(DateTimeOffset end, TimeSpan range, TimeSpan scrapeInterval, int maxPoints = DefaultMaxPoints)
    {
        var step = Step(range, scrapeInterval, maxPoints);
        var stepMs = (long)step.TotalMilliseconds;
        var endMs = FloorTo(end.ToUnixTimeMilliseconds(), stepMs);
        var startMs = FloorTo(end.ToUnixTimeMilliseconds() - (long)range.TotalMilliseconds, stepMs);
        return new RangeWindow(
            DateTimeOffset.FromUnixTimeMilliseconds(startMs),
            DateTimeOffset.FromUnixTimeMilliseconds(endMs),
            step,
            RateWindow(step, scrapeInterval));
    }

    private static long FloorTo(long value, long unit) => value - (((value % unit) + unit) % unit);

    private static void Validate(TimeSpan range, TimeSpan scrapeInterval, int maxPoints)
    {
        if (range <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(range), range, "The range must be positive.");
        }

        if (scrapeInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(scrapeInterval), scrapeInterval, "The scrape interval must be positive.");
        }

        if (maxPoints is < 2 or > PrometheusClient.MaxPointsPerSeries)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, $"Points per series must be between 2 and {PrometheusClient.MaxPointsPerSeries}.");
        }
    }
}
