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
/// <param name="AnnotateJson">The <see cref="ApexAnnotate"/> of those annotations alone: sent when they changed (a window
/// planned, an incident opened) while the chart has no new point to take.</param>
/// <param name="Caption">What the bands say in words (<see cref="ChartBands.Caption"/>), for the chart's label; null: none.</param>
public sealed record LiveChartFrame(string? Status, DateTimeOffset At, string AppendJson, string AppendWithAnnotationsJson, string AnnotationsSignature,
    string AnnotateJson, string? Caption);

/// <summary>
/// The <see cref="LiveChartFrame"/>s of the latest snapshot, per chart and range, shaped on first request and shared by
/// every circuit's <c>ChartGrid</c> (at 1,000 viewers the shaping and the JSON are done once, not 1,000 times). Keeps
/// only the latest snapshot's frames. The bands (firing periods, windows, incidents) come from the process's one
/// <see cref="ChartEventStore"/>, cut to each range's window at the step of that range's series: the bands' edges move
/// once per step (with the point the chart then takes), not with every snapshot. Singleton; thread-safe.
/// </summary>
public sealed class LiveChartFrames(IOptions<LiveOptions> options, PanelQueryCatalog catalog, ChartEventStore? events = null)
{
    private readonly Lock _gate = new();
    private readonly ThresholdOptions _thresholds = options.Value.Thresholds;
    private LiveSnapshot? _snapshot;
    private ChartEvents? _events;
    private Dictionary<(string Chart, string Range, string Language), LiveChartFrame> _frames = [];
    private long _shaped;

    /// <summary>How many frames were shaped in this process (tests: once per snapshot, chart and range).</summary>
    public long Shaped => Interlocked.Read(ref _shaped);

    /// <summary>The frame of <paramref name="chart"/> over <paramref name="range"/> (a <see cref="RangeStep.StandardRanges"/>
    /// key) for <paramref name="snapshot"/>, in <paramref name="words"/>' language (English when null): shaped once per
    /// snapshot, chart, range and language.</summary>
    public LiveChartFrame For(LiveSnapshot snapshot, string chart, string range, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        words ??= LiveWords.English;
        var marks = events?.Current ?? ChartEvents.None;
        lock (_gate)
        {
            if (!ReferenceEquals(snapshot, _snapshot) || marks.Version != _events?.Version)
            {
                if (_snapshot is not null && snapshot.Version < _snapshot.Version)
                {
                    // A viewer still on an older snapshot (a race with the next poll): shaped for it alone, not kept.
                    return Shape(snapshot, chart, range, marks, words);
                }
                _snapshot = snapshot;
                _events = marks;
                _frames = [];
            }

            if (!_frames.TryGetValue((chart, range, words.Language), out var frame))
            {
                frame = Shape(snapshot, chart, range, marks, words);
                _frames[(chart, range, words.Language)] = frame;
            }
            return frame;
        }
    }

    private LiveChartFrame Shape(LiveSnapshot snapshot, string chart, string range, ChartEvents marks, ILiveWords words)
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
        var (bandsStart, bandsEnd) = BandsWindow(point.At, span);
        var bands = ChartBands.Clip(marks.Events, bandsStart, bandsEnd, words);
        var annotations = ChartShaper.Annotations(definition, snapshot, _thresholds, start, point.At, bands, words);
        var x = ChartTime.AxisMilliseconds(point.At);
        var append = new ApexAppend(point.Values.Select(v => new ApexPoint(x, v)).ToArray(), ChartTime.AxisMilliseconds(start), x);
        return new LiveChartFrame(
            ChartShaper.Status(definition, snapshot, words),
            point.At,
            append.ToJson(),
            (append with { Annotations = annotations }).ToJson(),
            ChartShaper.Signature(annotations),
            new ApexAnnotate(annotations).ToJson(),
            ChartBands.Caption(bands, bandsEnd, words));
    }

    /// <summary>The bands' window: the window a range query at <paramref name="at"/> gets (both ends floored to the step of
    /// the range's series), so a chart drawn from its range series and its later frames cut the bands alike, and the bands
    /// move once per step.</summary>
    private (DateTimeOffset Start, DateTimeOffset End) BandsWindow(DateTimeOffset at, TimeSpan span)
    {
        if (at - DateTimeOffset.MinValue <= span)
        {
            return (at, at);
        }

        var window = catalog.RangeWindow(at, span);
        return (window.Start, window.End);
    }
}
