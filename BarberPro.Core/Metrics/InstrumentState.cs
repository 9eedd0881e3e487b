using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace BarberPro.Core.Metrics;

/// <summary>What the exporter keeps for one instrument: its exposition name, kind and label sets.</summary>
internal sealed class InstrumentState
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, string>[] _constantLabels;

    public InstrumentState(Instrument instrument, long order)
    {
        Instrument = instrument;
        Order = order;
        Name = PrometheusTextFormat.SanitizeMetricName(instrument.Name);
        var (kind, cumulative) = Classify(instrument);
        Kind = kind;
        ObservedCumulative = cumulative;
        IsObservable = instrument.IsObservable;
        Help = string.IsNullOrWhiteSpace(instrument.Description)
            ? $"{instrument.Name} from meter {instrument.Meter.Name}"
            : instrument.Description;
        Bounds = kind == MetricKind.Histogram ? BucketBoundaries(instrument) : null;
        _constantLabels = ConstantLabels(instrument);
    }

    /// <summary>
    /// Prometheus' default buckets, suited to durations in seconds. An instrument with other units
    /// should give its own through <c>InstrumentAdvice&lt;T&gt;.HistogramBucketBoundaries</c>.
    /// </summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public Instrument Instrument { get; }

    public long Order { get; }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    public bool IsObservable { get; }

    /// <summary>True when a measurement is the current total (observable instruments, gauges) rather than a delta.</summary>
    public bool ObservedCumulative { get; }

    public double[]? Bounds { get; }

    public ICollection<MetricSeries> Series => _series.Values;

    public void Clear() => _series.Clear();

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = FormatLabels(tags);
        var series = _series.GetOrAdd(labels, static (key, bounds) => new MetricSeries(key, bounds), Bounds);
        switch (Kind)
        {
            case MetricKind.Histogram:
                series.Observe(value);
                break;
            case MetricKind.Counter when !ObservedCumulative:
                // A counter only goes up; a negative delta is a caller bug and would break rate().
                if (value > 0)
                {
                    series.Add(value);
                }

                break;
            default:
                if (ObservedCumulative)
                {
                    series.Set(value);
                }
                else
                {
                    series.Add(value);
                }

                break;
        }
    }

    private string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty && _constantLabels.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<KeyValuePair<string, string>>(tags.Length + _constantLabels.Length);
        foreach (var constant in _constantLabels)
        {
            pairs.Add(constant);
        }

        foreach (var tag in tags)
        {
            var name = PrometheusTextFormat.SanitizeLabelName(tag.Key);
            var value = FormatTagValue(tag.Value);
            var existing = pairs.FindIndex(p => p.Key == name);
            if (existing >= 0)
            {
                pairs[existing] = new(name, value);
            }
            else
            {
                pairs.Add(new(name, value));
            }
        }

        // "le" belongs to the histogram buckets; a tag of that name would make the output ambiguous.
        if (Kind == MetricKind.Histogram)
        {
            pairs.RemoveAll(p => p.Key == "le");
        }

        pairs.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder();
        foreach (var pair in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(pair.Key).Append("=\"").Append(PrometheusTextFormat.EscapeLabelValue(pair.Value)).Append('"');
        }

        return builder.ToString();
    }

    private static string FormatTagValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        double d => PrometheusTextFormat.FormatDouble(d),
        float f => PrometheusTextFormat.FormatDouble(f),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static KeyValuePair<string, string>[] ConstantLabels(Instrument instrument)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in instrument.Meter.Tags ?? [])
        {
            labels[PrometheusTextFormat.SanitizeLabelName(tag.Key)] = FormatTagValue(tag.Value);
        }

        foreach (var tag in instrument.Tags ?? [])
        {
            labels[PrometheusTextFormat.SanitizeLabelName(tag.Key)] = FormatTagValue(tag.Value);
        }

        return [.. labels];
    }

    private static (MetricKind Kind, bool Cumulative) Classify(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        if (definition == typeof(Counter<>))
        {
            return (MetricKind.Counter, false);
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return (MetricKind.Counter, true);
        }

        if (definition == typeof(Histogram<>))
        {
            return (MetricKind.Histogram, false);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return (MetricKind.Gauge, false);
        }

        // ObservableUpDownCounter, ObservableGauge and Gauge all report the current value.
        return (MetricKind.Gauge, true);
    }

    private static double[] BucketBoundaries(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(static v => (double)v),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(static v => (double)v),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(static v => (double)v),
            Histogram<short> h => h.Advice?.HistogramBucketBoundaries?.Select(static v => (double)v),
            Histogram<byte> h => h.Advice?.HistogramBucketBoundaries?.Select(static v => (double)v),
            Histogram<decimal> h => h.Advice?.HistogramBucketBoundaries?.Select(static v => (double)v),
            _ => null,
        };

        // InstrumentAdvice already rejects unsorted boundaries; distinct/finite guard against odd conversions.
        var bounds = (advised ?? DefaultBuckets).Where(double.IsFinite).Distinct().Order().ToArray();
        return bounds.Length == 0 ? [.. DefaultBuckets] : bounds;
    }
}
