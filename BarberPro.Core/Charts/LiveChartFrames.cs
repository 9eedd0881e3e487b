using BarberPro.Core.Live;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Charts;

/// <summary>
/// What one snapshot adds to one chart over one range, shaped <b>once per snapshot</b> for every viewer: the card's
/// words when its panels are not current, the new point with the window it slides to, and the annotations (as JSON for
/// the browser's module, with and without the annotations, so a viewer whose chart already has them sends the short one).
/// </summary>
/// <param name="Status">What the card says when a panel behind it is stale or failing (<see cref="ChartShaper.Status"/>); null when current.</param>
/// <param name="At">The time of the new point (the newest current panel's, else the snapshot's).</param>
/// <param name="AppendJson">The <see cref="ApexAppend"/> of the point, without annotations.</param>
/// <param name="AppendWithAnnotationsJson">The same with the annotations of the window ending at <paramref name="At"/>.</param>
/// <param name="AnnotationsSignature">Identifies those annotations (<see cref="ChartShaper.Signature"/>).</param>
public sealed record LiveChartFrame(string? Status, DateTimeOffset At, string AppendJson, string AppendWithAnnotationsJson, string AnnotationsSignature);

/// <summary>
/// The <see cref="LiveChartFrame"/>s of the latest snapshot, per chart and range, shaped on first request and shared by
/// every circuit's <c>ChartGrid</c> (at 1,000 viewers the shaping and the JSON are done once, not 1,000 times). Keeps
/// only the latest snapshot's frames. Singleton; thread-safe.
/// </summary>
public sealed class LiveChartFrames(IOptions<LiveOptions> options)
{
    private readonly Lock _gate = new();
    private readonly ThresholdOptions _thresholds = options.Value.Thresholds;
    private LiveSnapshot? _snapshot;
    private Dictionary<(string Chart, string Range), LiveChartFrame> _frames = [];
    private long _shaped;

    /// <summary>How many frames were shaped in this process (tests: once per snapshot, chart and range).</summary>
    public long Shaped => Interlocked.Read(ref _shaped);

    /// <summary>The frame of <paramref name="chart"/> over <paramref name="range"/> (a <see cref="RangeStep.StandardRanges"/>
    /// key) for <paramref name="snapshot"/>.</summary>
    public LiveChartFrame For(LiveSnapshot snapshot, string chart, string range)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            if (!ReferenceEquals(snapshot, _snapshot))
            {
                if (_snapshot is not null && snapshot.Version < _snapshot.Version)
                {
                    // A viewer still on an older snapshot (a race with the next poll): shaped for it alone, not kept.
                    return Shape(snapshot, chart, range);
                }
                _snapshot = snapshot;
                _frames = [];
            }

            if (!_frames.TryGetValue((chart, range), out var frame))
            {
                frame = Shape(snapshot, chart, range);
                _frames[(chart, range)] = frame;
            }
            return frame;
        }
    }

    private LiveChartFrame Shape(LiveSnapshot snapshot, string chart, string range)
    {
        Interlocked.Increment(ref _shaped);
        var definition = ChartShaper.Definition(chart);
        var span = RangeStep.StandardRanges.TryGetValue(range, out var s)
            ? s
            : throw new ArgumentException($"range must be one of: {string.Join(", ", RangeStep.StandardRanges.Keys)}.", nameof(range));
        var point = ChartShaper.LivePoint(definition, snapshot)
            ?? new LivePoint(snapshot.GeneratedAt, new double?[definition.Lines.Count]);
        // The empty snapshot before the first poll has no time: its window starts where it ends.
        var start = point.At - DateTimeOffset.MinValue > span ? point.At - span : point.At;
        var annotations = ChartShaper.Annotations(definition, snapshot, _thresholds, start, point.At);
        var x = ChartTime.AxisMilliseconds(point.At);
        var append = new ApexAppend(point.Values.Select(v => new ApexPoint(x, v)).ToArray(), ChartTime.AxisMilliseconds(start), x);
        return new LiveChartFrame(
            ChartShaper.Status(definition, snapshot),
            point.At,
            append.ToJson(),
            (append with { Annotations = annotations }).ToJson(),
            ChartShaper.Signature(annotations));
    }
}
