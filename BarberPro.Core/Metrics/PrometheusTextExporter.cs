using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace BarberPro.Core.Metrics;

/// <summary>
/// Listens to <see cref="System.Diagnostics.Metrics"/> instruments of the chosen meters and writes them in the
/// Prometheus text exposition format 0.0.4. Metric names are the instrument names as given (sanitised to
/// the Prometheus alphabet only): name counters with their <c>_total</c> suffix and units yourself.
/// Counters become <c>counter</c>, up-down counters and gauges <c>gauge</c>, histograms cumulative
/// <c>_bucket</c>/<c>_sum</c>/<c>_count</c>. Observable instruments are read at scrape time.
/// Thread safe: recording may happen on any thread while a scrape runs.
/// </summary>
public sealed class PrometheusTextExporter : IDisposable
{
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly Lock _collectLock = new();
    private readonly string[] _exactNames;
    private readonly string[] _prefixes;
    private long _order;

    /// <param name="meterNames">Meter names to export; a name ending in <c>*</c> matches by prefix.</param>
    public PrometheusTextExporter(IEnumerable<string> meterNames)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        var names = meterNames.Where(static n => !string.IsNullOrWhiteSpace(n)).ToArray();
        _exactNames = [.. names.Where(static n => !n.EndsWith('*'))];
        _prefixes = [.. names.Where(static n => n.EndsWith('*')).Select(static n => n[..^1])];

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (Matches(instrument.Meter.Name))
                {
                    var state = _instruments.GetOrAdd(instrument, i => new InstrumentState(i, Interlocked.Increment(ref _order)));
                    listener.EnableMeasurementEvents(instrument, state);
                }
            },
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentState? _),
        };
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentState)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentState)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Reads observable instruments and returns the whole exposition.</summary>
    public string Collect()
    {
        var builder = new StringBuilder(4096);
        using (var writer = new StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture))
        {
            WriteTo(writer);
        }

        return builder.ToString();
    }

    /// <summary>Reads observable instruments and writes the exposition; families sorted by name, series by labels.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.NewLine = "\n";

        // One scrape at a time: observable series are rebuilt from scratch so that a label set the
        // callback stops reporting (a deleted pod) disappears instead of being exported forever.
        lock (_collectLock)
        {
            foreach (var state in _instruments.Values.Where(static s => s.IsObservable))
            {
                state.Clear();
            }

            _listener.RecordObservableInstruments();

            var families = _instruments.Values
                .OrderBy(static s => s.Name, StringComparer.Ordinal)
                .ThenBy(static s => s.Order)
                .GroupBy(static s => s.Name, StringComparer.Ordinal);
            foreach (var family in families)
            {
                WriteFamily(writer, family.ToList());
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private bool Matches(string meterName) =>
        _exactNames.Contains(meterName, StringComparer.Ordinal) ||
        _prefixes.Any(p => meterName.StartsWith(p, StringComparison.Ordinal));

    private static void WriteFamily(TextWriter writer, List<InstrumentState> states)
    {
        var first = states[0];

        // Two instruments may share a name (two meters, or two registrations); the first one's type wins
        // and, for a label set both report, its series: duplicate series would make the scrape invalid.
        var series = new SortedDictionary<string, (InstrumentState State, MetricSeries Series)>(StringComparer.Ordinal);
        foreach (var state in states.Where(s => s.Kind == first.Kind))
        {
            foreach (var item in state.Series)
            {
                series.TryAdd(item.Labels, (state, item));
            }
        }

        if (series.Count == 0)
        {
            return;
        }

        var name = first.Name;
        writer.Write("# HELP ");
        writer.Write(name);
        writer.Write(' ');
        writer.WriteLine(PrometheusTextFormat.EscapeHelp(first.Help));
        writer.Write("# TYPE ");
        writer.Write(name);
        writer.WriteLine(first.Kind switch
        {
            MetricKind.Counter => " counter",
            MetricKind.Histogram => " histogram",
            _ => " gauge",
        });

        foreach (var (labels, (_, item)) in series)
        {
            if (first.Kind == MetricKind.Histogram)
            {
                WriteHistogram(writer, name, labels, item.SnapshotHistogram());
            }
            else
            {
                WriteSample(writer, name, labels, PrometheusTextFormat.FormatDouble(item.Value));
            }
        }
    }

    private static void WriteHistogram(TextWriter writer, string name, string labels, HistogramSnapshot snapshot)
    {
        var bucketName = name + "_bucket";
        var prefix = labels.Length == 0 ? string.Empty : labels + ",";
        for (var i = 0; i < snapshot.CumulativeCounts.Length; i++)
        {
            var le = i < snapshot.Bounds.Length ? PrometheusTextFormat.FormatDouble(snapshot.Bounds[i]) : "+Inf";
            WriteSample(writer, bucketName, prefix + "le=\"" + le + "\"", snapshot.CumulativeCounts[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        WriteSample(writer, name + "_sum", labels, PrometheusTextFormat.FormatDouble(snapshot.Sum));
        WriteSample(writer, name + "_count", labels, snapshot.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void WriteSample(TextWriter writer, string name, string labels, string value)
    {
        writer.Write(name);
        if (labels.Length > 0)
        {
            writer.Write('{');
            writer.Write(labels);
            writer.Write('}');
        }

        writer.Write(' ');
        writer.WriteLine(value);
    }
}
