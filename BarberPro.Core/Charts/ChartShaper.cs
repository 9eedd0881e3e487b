using BarberPro.Core.Live;
using BarberPro.Core.Time;
using BarberPro.Core.Text;

namespace BarberPro.Core.Charts;

/// <summary>
/// Turns a chart's range series and the latest snapshot into what ApexCharts draws: every point, axis bound, threshold
/// line, annotation and word is decided here, so the browser's module only hands it to ApexCharts.
/// </summary>
public static class ChartShaper
{
    public const int Height = 240;
    public const int FocusedHeight = 420;
    public const string WarningColor = "#b35c00";
    public const string CriticalColor = "#c92a2a";
    public const string EventColor = "#1c5fb8";

    /// <summary>The whole options object of a chart: the range series over its full window (nulls kept as gaps), the
    /// axes with units, thresholds and the annotations that fall inside the window, with <paramref name="bands"/> (see
    /// <see cref="ChartBands.Clip"/>, clipped to the series' window) shaded under the lines.</summary>
    public static ApexOptions Shape(ChartSeries series, LiveSnapshot snapshot, ThresholdOptions thresholds, bool focused,
        IReadOnlyList<ChartBand>? bands = null, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        words ??= LiveWords.English;
        var definition = Definition(series.Chart);
        var lines = series.Lines.Select(line => new ApexSeries(LineName(series.Chart, line.Name, words),
            line.Points.Select(p => new ApexPoint(ChartTime.AxisMilliseconds(p.UnixMilliseconds), p.Value)).ToArray())).ToArray();
        return new ApexOptions(
            new ApexChartSettings("chart-" + series.Chart, "line", focused ? FocusedHeight : Height) { DefaultLocale = ApexLocale(words) },
            lines,
            new ApexXAxis(ChartTime.AxisMilliseconds(series.Start), ChartTime.AxisMilliseconds(series.End),
                new(words.Say(Phrase.Of("Live_Chart_TimeAxis", "Argentina time (ART)")))),
            new ApexYAxis(0, new(Unit(definition, words)), AxisDecimals(definition.Unit)),
            Annotations(definition, snapshot, thresholds, series.Start, series.End, bands, words))
        {
            NoData = new(words.Say(Phrase.Of("Live_Chart_NoData", "No data"))),
        };
    }

    /// <summary>ApexCharts' locale for <paramref name="words"/>' language: "es" for Spanish, none (its English) otherwise.</summary>
    public static string? ApexLocale(ILiveWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Culture.TwoLetterISOLanguageName == "es" ? "es" : null;
    }

    /// <summary>A chart's title in <paramref name="words"/>' language ("Requests/s", "Solicitudes/s").</summary>
    public static string Title(string chart, ILiveWords? words = null) =>
        (words ?? LiveWords.English).Template("Live_ChartTitle_" + chart) ?? Definition(chart).Title;

    /// <summary>A chart's unit as people say it in <paramref name="words"/>' language ("pods", "rps", "%").</summary>
    public static string Unit(ChartDefinition definition, ILiveWords? words = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (words ?? LiveWords.English).Template("Live_ChartUnit_" + definition.Unit) ?? definition.Unit;
    }

    /// <summary>A line's name in <paramref name="words"/>' language ("average", "promedio"); names like p95 stay.</summary>
    public static string LineName(string chart, string line, ILiveWords? words = null) =>
        (words ?? LiveWords.English).Template("Live_ChartLine_" + chart + "_" + line.Replace(' ', '_').Replace('/', '_')) ?? line;

    /// <summary>Decimals on the y axis: ratios in % need two (the 5xx target is 0.1 %); requests, milliseconds and
    /// pods read as whole numbers ("10000 rps", not "10000.00 rps").</summary>
    internal static int AxisDecimals(string unit) => unit == "%" ? 2 : 0;

    /// <summary>Threshold lines of <paramref name="definition"/>; the <paramref name="bands"/> (firing periods,
    /// maintenance windows, incidents), first so that they are drawn under the event lines; and the scale events and
    /// firing alerts of <paramref name="snapshot"/> between <paramref name="start"/> and <paramref name="end"/>. A firing
    /// alert that already has its band is not marked a second time.</summary>
    public static ApexAnnotations Annotations(ChartDefinition definition, LiveSnapshot snapshot, ThresholdOptions thresholds,
        DateTimeOffset start, DateTimeOffset end, IReadOnlyList<ChartBand>? bands = null, ILiveWords? words = null)
    {
        words ??= LiveWords.English;
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(thresholds);
        // Thresholds at the same value (average and p95 targets both at 100 ms) are one line with one label naming both:
        // two labels at one place cover each other.
        var y = definition.Thresholds
            .Select(rule => rule.Line(thresholds, snapshot))
            .OfType<ChartThresholdLine>()
            .GroupBy(line => line.Value)
            .Select(same =>
            {
                var level = same.Max(line => line.Level);
                var color = level == Level.Critical ? CriticalColor : WarningColor;
                var label = string.Join(" · ", same.Select(line => words.Say(line.Label)));
                return new ApexYAnnotation(same.Key, color, 4, new ApexLabel(label, color, new("#ffffff", color)));
            })
            .ToList();

        bands ??= [];
        var x = new List<ApexXAnnotation>(ChartBands.Annotations(bands));
        if (definition.ShowsScaleEvents)
        {
            foreach (var scale in snapshot.Find(PrometheusPanelSources.Scaling)?.ScaleEvents ?? [])
            {
                if (scale.At >= start && scale.At <= end)
                {
                    x.Add(Event(scale.At, words.Say(Phrase.Of("Live_Chart_ScaleEvent", "pods {0} → {1} · {2} ART",
                        scale.From, scale.To, ArgentinaTime.FormatTime(scale.At))), EventColor));
                }
            }
        }

        foreach (var alert in snapshot.Find(PrometheusPanelSources.Alerts)?.Alerts ?? [])
        {
            if (alert.State == "firing" && alert.ActiveAt is { } at && at >= start && at <= end
                && !bands.Any(b => b.Event.Kind == ChartEventKind.Firing && b.Event.End is null && b.Event.Name == alert.Name))
            {
                // Prometheus's activeAt: when the alert became active (pending), before it fired.
                x.Add(Event(at, words.Say(Phrase.Of("Live_Chart_AlertActive", "{0} firing · active since {1} ART",
                    alert.Name, ArgentinaTime.FormatTime(at))), CriticalColor));
            }
        }

        return new ApexAnnotations(y, x);

        static ApexXAnnotation Event(DateTimeOffset at, string text, string color) =>
            new(ChartTime.AxisMilliseconds(at), color, 0, new ApexLabel(text, color, new("#ffffff", color)) { Orientation = "horizontal" });
    }

    /// <summary>
    /// The point each line of <paramref name="definition"/> gets from <paramref name="snapshot"/>, at the time of its
    /// newest current panel; a line whose panel has no current value gets null (a gap: never a zero). Null when none of
    /// the chart's panels has answered in this snapshot (nothing new to draw).
    /// </summary>
    public static LivePoint? LivePoint(ChartDefinition definition, LiveSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(snapshot);
        DateTimeOffset? at = null;
        var values = new double?[definition.Lines.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var live = definition.Lines[i].Live;
            var panel = snapshot.Find(live.Panel);
            if (panel is { Status: PanelStatus.Data, AsOf: { } asOf } && panel.Find(live.Figure)?.Value is { } value && double.IsFinite(value))
            {
                values[i] = Math.Round(value * live.Scale, 4);
                at = at is { } a && a > asOf ? a : asOf;
            }
        }

        return at is { } time ? new LivePoint(time, values) : null;
    }

    /// <summary>What a chart's card says in words when its panels are not current: stale since when, or no data.
    /// Null while every panel behind the chart answers.</summary>
    public static string? Status(ChartDefinition definition, LiveSnapshot snapshot, ILiveWords? words = null)
    {
        words ??= LiveWords.English;
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var panelKey in definition.Lines.Select(l => l.Live.Panel).Distinct(StringComparer.Ordinal))
        {
            var panel = snapshot.Find(panelKey);
            if (panel is { Status: PanelStatus.Stale })
            {
                var since = panel.StaleSince is { } s ? ArgentinaTime.FormatTime(s) + " ART" : words.Say(Phrase.Of("Live_UnknownValue", "unknown"));
                return words.Say(Phrase.Of("Live_Chart_Stale", "Stale since {0}: the source stopped answering ({1}); the chart stops at its last values.",
                    since, Error(panel)));
            }
            if (panel is { Status: PanelStatus.Error })
            {
                return words.Say(Phrase.Of("Live_Chart_NoLiveData", "No live data: {0}", Error(panel)));
            }
        }

        return null;

        string Error(PanelSnapshot panel) => panel.ErrorWords is { } e ? words.Say(e) : panel.Error ?? "";
    }

    /// <summary>Identifies a set of annotations (values and labels), to tell whether a chart already shows them.</summary>
    public static string Signature(ApexAnnotations annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        return string.Join('|', annotations.Yaxis.Select(a => a.Y.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + a.Label.Text))
            + "#" + string.Join('|', annotations.Xaxis.Select(a => a.X.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + "-" + a.X2?.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@" + a.Label.OffsetY?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + a.Label.Text));
    }

    public static ChartDefinition Definition(string chart) => ChartCatalog.Charts.TryGetValue(chart, out var definition)
        ? definition
        : throw new ArgumentException($"chart must be one of: {string.Join(", ", ChartCatalog.Charts.Keys)}.", nameof(chart));
}

/// <summary>One snapshot's values for the lines of a chart (in the chart's unit, null: a gap), as of <paramref name="At"/>.</summary>
public sealed record LivePoint(DateTimeOffset At, IReadOnlyList<double?> Values);
