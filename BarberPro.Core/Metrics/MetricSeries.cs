namespace BarberPro.Core.Metrics;

/// <summary>One label set of one instrument. Updates are lock-free for scalars and locked for histograms.</summary>
internal sealed class MetricSeries(string labels, double[]? bounds)
{
    private readonly long[]? _bucketCounts = bounds is null ? null : new long[bounds.Length + 1];
    private double _value;
    private double _sum;
    private long _count;

    /// <summary>Pre-formatted, escaped and sorted label pairs without braces, e.g. <c>code="200",method="GET"</c>.</summary>
    public string Labels { get; } = labels;

    public void Add(double delta)
    {
        var current = Volatile.Read(ref _value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    public void Set(double value) => Interlocked.Exchange(ref _value, value);

    public double Value => Volatile.Read(ref _value);

    public void Observe(double value)
    {
        if (double.IsNaN(value) || _bucketCounts is null)
        {
            return;
        }

        var index = Array.BinarySearch(bounds!, value);
        if (index < 0)
        {
            index = ~index;
        }

        lock (_bucketCounts)
        {
            _bucketCounts[index]++;
            _sum += value;
            _count++;
        }
    }

    /// <summary>A consistent copy of the histogram state with cumulative bucket counts.</summary>
    public HistogramSnapshot SnapshotHistogram()
    {
        var counts = _bucketCounts ?? [];
        var cumulative = new long[counts.Length];
        lock (counts)
        {
            long running = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                running += counts[i];
                cumulative[i] = running;
            }

            return new HistogramSnapshot(bounds ?? [], cumulative, _sum, _count);
        }
    }
}

internal readonly record struct HistogramSnapshot(double[] Bounds, long[] CumulativeCounts, double Sum, long Count);
