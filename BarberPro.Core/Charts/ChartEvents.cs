using System.Globalization;
using BarberPro.Core.Live;
using BarberPro.Core.Time;
using BarberPro.Core.Text;

namespace BarberPro.Core.Charts;

/// <summary>What a band on the live charts stands for.</summary>
public enum ChartEventKind
{
    /// <summary>An alert's firing period (from the dashboard's stored alert transitions).</summary>
    Firing,

    /// <summary>A maintenance window (an Alertmanager silence the inbox lists as a window).</summary>
    Maintenance,

    /// <summary>An incident, from its opening to its resolution.</summary>
    Incident,
}

/// <summary>
/// Something the live charts mark as a band over time: from <paramref name="Start"/> to <paramref name="End"/> (null:
/// still going). <paramref name="Name"/> is the alert's name, the window's comment or the incident's title;
/// <paramref name="Severity"/> the alert's or incident's (empty for a window); <see cref="Number"/> the incident's id.
/// </summary>
public sealed record ChartEvent(ChartEventKind Kind, DateTimeOffset Start, DateTimeOffset? End, string Name, string Severity)
{
    public long? Number { get; init; }
}

/// <summary>The events every live chart marks, as one process read them (<see cref="ChartEventStore"/>); immutable.</summary>
/// <param name="Version">Grows when the events change (not when a read found the same).</param>
/// <param name="AsOf">When they were read; null before the first read.</param>
public sealed record ChartEvents(long Version, DateTimeOffset? AsOf, IReadOnlyList<ChartEvent> Events)
{
    public static ChartEvents None { get; } = new(0, null, []);
}

/// <summary>An event as one chart window shows it: clipped to the window, with its label and the lane its label sits in.</summary>
/// <param name="From">The band's left edge: the event's start, or the window's start when it began earlier.</param>
/// <param name="To">The band's right edge: the event's end, or the window's end when it ends later or is still going.</param>
/// <param name="Text">The label, in words (the colour is never the only sign of the severity).</param>
/// <param name="Color">The band's and label's colour.</param>
/// <param name="Lane">Which row of labels (0: top) it takes, so labels of overlapping or close bands do not cover each other;
/// -1 when every row is taken there: the band is drawn without a label (garbled words help nobody), and the caption still
/// names it.</param>
/// <param name="LabelBefore">The label ends at the band's left edge instead of starting there: a band that begins near the
/// window's end (an alert that just fired, a window just begun) would have its label cut by the chart's right edge.</param>
public sealed record ChartBand(ChartEvent Event, DateTimeOffset From, DateTimeOffset To, string Text, string Color, int Lane, bool LabelBefore = false);

/// <summary>
/// Turns <see cref="ChartEvent"/>s into the bands a chart window shows (pure: no clock, no I/O): clipped to the window,
/// labelled in words with Argentina times, coloured by severity, their labels spread over <see cref="Lanes"/> rows so
/// that overlapping bands stay readable, and a caption in words for screen readers.
/// </summary>
public static class ChartBands
{
    public const string MaintenanceColor = "#55606e";
    public const string IncidentColor = "#6b3fc0";
    public const string InfoColor = "#1c5fb8";

    /// <summary>Band fill opacity: light enough that two overlapping bands and the lines through them stay readable.</summary>
    public const double Opacity = 0.14;

    /// <summary>Rows of labels at the foot of a chart; a band whose label finds no free row is drawn without it.</summary>
    public const int Lanes = 4;

    /// <summary>Pixels between two rows of labels (11 px type and its padding).</summary>
    public const int LaneHeight = 18;

    /// <summary>Pixels between the x axis and the first row of labels.</summary>
    public const int AxisGap = 6;

    /// <summary>Longest name a label carries; the caption carries the whole of it.</summary>
    public const int MaxNameLength = 48;

    /// <summary>
    /// How many characters of label fit across a chart (measured in Chromium: 55 characters of 11 px type took 315 of a
    /// 28rem card's 455 px plot, about 80 across; a little less, to err towards a new row): a label is taken to cover
    /// this share of the window per character when deciding where it goes and whether another label may share its row.
    /// </summary>
    private const double CharactersAcross = 72;

    /// <summary>The bands of <paramref name="events"/> inside [<paramref name="start"/>, <paramref name="end"/>], oldest first.
    /// An event that ended before the window or starts after it gives none.</summary>
    public static IReadOnlyList<ChartBand> Clip(IReadOnlyList<ChartEvent> events, DateTimeOffset start, DateTimeOffset end, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 || end <= start)
        {
            return [];
        }

        var inside = events
            .Where(e => e.Start <= end && (e.End ?? end) >= start)
            .OrderBy(e => e.Start < start ? start : e.Start)
            .ThenBy(e => e.Kind)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        // Where each band is and where its label would go: after the band's left edge when it fits there, else on the
        // side with more room.
        var perCharacter = (end - start) / CharactersAcross;
        var placed = inside.Select(e =>
        {
            var from = e.Start < start ? start : e.Start;
            var to = e.End is { } ended && ended < end ? ended : end;
            var text = Label(e, end, words: words);
            var labelWidth = perCharacter * text.Length;
            var before = from + labelWidth > end && from - start > end - from;
            var (taken, until) = before ? (from - labelWidth, to) : (from, from + labelWidth > to ? from + labelWidth : to);
            return (Event: e, From: from, To: to, Text: text, Before: before, Taken: taken, Until: until);
        }).ToList();

        // Rows of labels go first to what is still going at the window's end (a window in force, an open incident, a
        // firing alert), then to the most recent: when more overlap than there are rows, the oldest lose their label.
        var rows = new List<(DateTimeOffset From, DateTimeOffset To)>[Lanes];
        for (var i = 0; i < Lanes; i++)
        {
            rows[i] = [];
        }

        var lanes = new int[placed.Count];
        foreach (var i in Enumerable.Range(0, placed.Count).OrderByDescending(k => placed[k].To >= end).ThenByDescending(k => placed[k].From))
        {
            var (taken, until) = (placed[i].Taken, placed[i].Until);
            lanes[i] = Array.FindIndex(rows, row => row.TrueForAll(r => r.To <= taken || r.From >= until));
            if (lanes[i] >= 0)
            {
                rows[lanes[i]].Add((taken, until));
            }
        }

        return placed.Select((b, k) => new ChartBand(b.Event, b.From, b.To, b.Text, Color(b.Event), lanes[k], b.Before)).ToList();
    }

    /// <summary>The x-axis annotations of <paramref name="bands"/>: a shaded range each (a line when it has no width), with
    /// its label at the foot of the band's left edge in its lane (after it, or before it near the window's end), rows
    /// counted up from the x axis. The threshold lines' labels sit above their lines at the right end, in the upper part
    /// where thresholds are drawn: band labels at the foot do not cover them (at the top they did).</summary>
    public static IReadOnlyList<ApexXAnnotation> Annotations(IReadOnlyList<ChartBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return bands.Select(b =>
        {
            var x = ChartTime.AxisMilliseconds(b.From);
            var x2 = ChartTime.AxisMilliseconds(b.To);
            // An empty text draws no label (ApexCharts skips its background too).
            return new ApexXAnnotation(x, b.Color, 0, new ApexLabel(b.Lane < 0 ? "" : b.Text, b.Color, new("#ffffff", b.Color))
            {
                Orientation = "horizontal",
                Position = "bottom",
                TextAnchor = b.LabelBefore ? "end" : "start",
                OffsetY = -(AxisGap + (Math.Max(b.Lane, 0) * LaneHeight)),
            })
            {
                X2 = x2 > x ? x2 : null,
                FillColor = b.Color,
                Opacity = Opacity,
            };
        }).ToList();
    }

    /// <summary>What the bands say, for a screen reader (the chart's label): every label with its whole name, in time
    /// order; null when nothing is marked.</summary>
    public static string? Caption(IReadOnlyList<ChartBand> bands, DateTimeOffset windowEnd, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(bands);
        words ??= LiveWords.English;
        return bands.Count == 0
            ? null
            : words.Say(Phrase.Of("Live_Chart_Marked", "Marked on the chart: {0}.",
                string.Join("; ", bands.Select(b => Label(b.Event, windowEnd, maxLength: int.MaxValue, words)))));
    }

    /// <summary>"✖ Critical: HighErrorRate firing 12:05–12:15 ART", "Maintenance: database upgrade 02:00–04:00 ART",
    /// "Incident #7 Checkout errors open since 12:20 ART". Times are Argentina times; a time on another day than
    /// <paramref name="windowEnd"/> carries its date.</summary>
    public static string Label(ChartEvent e, DateTimeOffset windowEnd, int maxLength = MaxNameLength, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        words ??= LiveWords.English;
        var name = Shorten(e.Name.ReplaceLineEndings(" ").Trim(), maxLength);
        var start = At(e.Start, windowEnd, words);
        var span = e.End is { } end ? $"{start}–{At(end, windowEnd, words)} ART" : null;
        var number = e.Number?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return e.Kind switch
        {
            ChartEventKind.Firing => span is null
                ? words.Say(Phrase.Of("Live_Band_FiringSince", "{0}: {1} firing since {2} ART", SeverityWords(e.Severity, words), name, start))
                : words.Say(Phrase.Of("Live_Band_Firing", "{0}: {1} firing {2}", SeverityWords(e.Severity, words), name, span)),
            ChartEventKind.Maintenance => (name.Length == 0, span is null) switch
            {
                (true, true) => words.Say(Phrase.Of("Live_Band_WindowFrom", "Maintenance window from {0} ART", start)),
                (true, false) => words.Say(Phrase.Of("Live_Band_Window", "Maintenance window {0}", span)),
                (false, true) => words.Say(Phrase.Of("Live_Band_MaintenanceFrom", "Maintenance: {0} from {1} ART", name, start)),
                (false, false) => words.Say(Phrase.Of("Live_Band_Maintenance", "Maintenance: {0} {1}", name, span)),
            },
            ChartEventKind.Incident => span is null
                ? words.Say(Phrase.Of("Live_Band_IncidentOpen", "Incident #{0} {1} open since {2} ART", number, name, start))
                : words.Say(Phrase.Of("Live_Band_Incident", "Incident #{0} {1} {2}", number, name, span)),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Kind, null),
        };
    }

    /// <summary>
    /// What the wall's panel board (no chart on screen) says of the bands in force at <paramref name="now"/>: each
    /// maintenance window ("In maintenance until 04:00 ART: database upgrade"), soonest end first, then each open
    /// incident ("Incident #7 open since 11:50 ART: Checkout errors"), oldest first. Empty when there is none.
    /// </summary>
    public static IReadOnlyList<string> WallNotices(IReadOnlyList<ChartEvent> events, DateTimeOffset now, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        words ??= LiveWords.English;
        var windows = events
            .Where(e => e.Kind == ChartEventKind.Maintenance && e.Start <= now && e.End is { } end && end > now)
            .OrderBy(e => e.End)
            .Select(e =>
            {
                var name = Shorten(e.Name.ReplaceLineEndings(" ").Trim(), MaxNameLength);
                var until = At(e.End!.Value, now, words);
                return name.Length == 0
                    ? words.Say(Phrase.Of("Live_Notice_Maintenance", "In maintenance until {0} ART", until))
                    : words.Say(Phrase.Of("Live_Notice_MaintenanceNamed", "In maintenance until {0} ART: {1}", until, name));
            });
        var incidents = events
            .Where(e => e.Kind == ChartEventKind.Incident && e.End is null && e.Start <= now)
            .OrderBy(e => e.Start)
            .Select(e => words.Say(Phrase.Of("Live_Notice_Incident", "Incident #{0} open since {1} ART: {2}",
                e.Number?.ToString(CultureInfo.InvariantCulture) ?? "?", At(e.Start, now, words), Shorten(e.Name.ReplaceLineEndings(" ").Trim(), MaxNameLength))));
        return [.. windows, .. incidents];
    }

    /// <summary>An icon and a word for a severity: the colour is never the only sign.</summary>
    public static string SeverityWords(string severity, ILiveWords? words = null)
    {
        words ??= LiveWords.English;
        return severity switch
        {
            "critical" => StateIcons.Critical + " " + words.Say(Phrase.Of("Live_Tile_Critical", "Critical")),
            "warning" => StateIcons.Warning + " " + words.Say(Phrase.Of("Live_Tile_Warning", "Warning")),
            "info" => "ℹ " + words.Say(Phrase.Of("Live_Severity_Info", "Info")),
            _ => "● " + words.Say(Phrase.Of("Live_Severity_Alert", "Alert")),
        };
    }

    private static string Color(ChartEvent e) => e.Kind switch
    {
        ChartEventKind.Maintenance => MaintenanceColor,
        ChartEventKind.Incident => IncidentColor,
        _ => e.Severity switch
        {
            "critical" => ChartShaper.CriticalColor,
            "warning" => ChartShaper.WarningColor,
            _ => InfoColor,
        },
    };

    private static string At(DateTimeOffset instant, DateTimeOffset windowEnd, ILiveWords words) =>
        ArgentinaTime.DateOf(instant) == ArgentinaTime.DateOf(windowEnd)
            ? ArgentinaTime.FormatTime(instant)
            : ArgentinaTime.FormatDateTime(instant, words.Culture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
