using BarberPro.Core.Charts;
using BarberPro.Core.Time;

namespace BarberPro.Core.Live;

/// <summary>
/// The display rules of the live screens, in one place: from a <see cref="LiveSnapshot"/> to the <see cref="LiveView"/>
/// every circuit, the wall and the live API show. Pure: the same snapshot always gives the same view.
/// </summary>
public static class LiveViewBuilder
{
    public const string WaitingText = "waiting for the first reading";
    public const string WaitingBanner = "Waiting for the first reading of the panels";
    public const string NoScalingText = "No scaling in the last hour.";

    /// <summary>The chart each panel opens (drill-down); panels without a chart are absent.</summary>
    public static IReadOnlyDictionary<string, string> ChartOfPanel { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PrometheusPanelSources.Latency] = ChartKeys.Latency,
        [PrometheusPanelSources.Throughput] = ChartKeys.Throughput,
        [PrometheusPanelSources.Errors] = ChartKeys.Errors,
        [PrometheusPanelSources.Scaling] = ChartKeys.Pods,
    };

    private static readonly StateView[] s_tileStates =
    [
        new(Level.Unknown, "Unknown", StateIcons.Unknown),
        new(Level.Ok, "OK", StateIcons.Ok),
        new(Level.Warning, "Warning", StateIcons.Warning),
        new(Level.Critical, "Critical", StateIcons.Critical),
    ];

    private static readonly StateView[] s_platformStates =
    [
        new(Level.Unknown, StateWords.Unknown, StateIcons.Unknown),
        new(Level.Ok, StateWords.Normal, StateIcons.Ok),
        new(Level.Warning, StateWords.Degraded, StateIcons.Warning),
        new(Level.Critical, StateWords.Down, StateIcons.Critical),
    ];

    /// <summary>A tile's or figure's level in words: "OK", "Warning", "Critical", "Unknown".</summary>
    public static StateView Tile(Level level) => s_tileStates[(int)level];

    /// <summary>The platform's level in words: "Normal", "Degraded", "Down", "Unknown".</summary>
    public static StateView Platform(Level level) => s_platformStates[(int)level];

    /// <summary>
    /// The platform's worst state: critical before warning before unknown before ok. A panel without data makes an
    /// otherwise calm platform unknown, never "normal"; stale panels count with the severity they last had.
    /// </summary>
    public static Level WorstOf(IReadOnlyList<PanelSnapshot> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            return Level.Unknown;
        }
        var levels = panels.Select(p => p.Level).ToList();
        return levels.Contains(Level.Critical) ? Level.Critical
            : levels.Contains(Level.Warning) ? Level.Warning
            : levels.Contains(Level.Unknown) ? Level.Unknown
            : Level.Ok;
    }

    /// <summary>
    /// The view of <paramref name="snapshot"/>. With <paramref name="stalledAt"/> (no snapshot for two poll intervals),
    /// panels that were current are shown stale since the snapshot's time, keeping their values and severity.
    /// </summary>
    public static LiveView Build(LiveSnapshot snapshot, DateTimeOffset? stalledAt = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stalled = stalledAt is not null;
        var panels = stalled
            ? snapshot.Panels.Select(p => p.Status == PanelStatus.Data
                ? p with { Status = PanelStatus.Stale, StaleSince = snapshot.GeneratedAt, Error = NoUpdateText(snapshot) }
                : p).ToList()
            : snapshot.Panels;

        var worst = WorstOf(panels);
        var alerts = panels.FirstOrDefault(p => p.Key == PrometheusPanelSources.Alerts);
        int? firing = alerts is null || alerts.Status == PanelStatus.Error || alerts.Alerting?.State is AlertingState.Unknown
            ? null
            : alerts.Alerts.Count(a => a.State == AlertStates.Firing);
        var liveText = snapshot.Version == 0
            ? stalled ? "no reading yet" : WaitingText
            : stalled ? "stalled — " + NoUpdateText(snapshot).TrimEnd('.').ToLowerInvariant() : StateWords.Live;
        return new LiveView(
            snapshot.Version,
            snapshot.GeneratedAt,
            snapshot.PollIntervalMs,
            stalled,
            liveText,
            snapshot.Version == 0 ? "not yet" : ArgentinaTime.FormatTimeWithSeconds(snapshot.GeneratedAt),
            Platform(worst),
            firing,
            Banner(panels, worst),
            panels.Select(Panel).ToList());
    }

    public static PanelView Panel(PanelSnapshot panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var isAlerts = panel.Key == PrometheusPanelSources.Alerts;
        var isScaling = panel.Key == PrometheusPanelSources.Scaling;
        string? empty = isAlerts && panel.Alerts.Count == 0 ? panel.Alerting?.EmptyText
            : isScaling && panel.ScaleEvents.Count == 0 ? NoScalingText
            : null;
        return new PanelView(
            panel.Key,
            panel.Title,
            panel.Status,
            Tile(panel.Level),
            panel.Status switch { PanelStatus.Data => StateWords.Live, PanelStatus.Stale => StateWords.Stale, _ => StateWords.NoData },
            panel.AsOf,
            panel.AsOf is { } at ? "as of " + ArgentinaTime.FormatTimeWithSeconds(at) : null,
            panel.Status == PanelStatus.Stale ? panel.StaleSince : null,
            panel.Status == PanelStatus.Stale && panel.StaleSince is { } since ? "stale since " + ArgentinaTime.FormatTimeWithSeconds(since) : null,
            panel.Error,
            panel.Figures.Select(f => new FigureView(f.Key, f.Label, f.Value, f.Unit, f.Display, f.Target, Tile(f.Level))).ToList(),
            panel.Alerts.Select(a => new AlertView(a.Name, a.State, a.Severity, a.Summary, a.ActiveAt,
                a.ActiveAt is { } t ? "since " + ArgentinaTime.FormatTime(t) : null, Tile(LevelOf(a)))).ToList(),
            panel.Alerting?.State,
            panel.Alerting?.Notes ?? [],
            isScaling ? panel.ScaleEvents.Select(e => $"{ArgentinaTime.FormatTime(e.At)} · {e.From} → {e.To} pods").ToList() : [],
            empty,
            ChartOfPanel.GetValueOrDefault(panel.Key));
    }

    /// <summary>"All systems normal", or the state and what makes it so: the panels at the worst level (with the figures
    /// that put them there) and the alerts at that level.</summary>
    public static BannerView Banner(IReadOnlyList<PanelSnapshot> panels, Level worst)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var state = Platform(worst);
        if (panels.Count == 0)
        {
            return new BannerView(state, WaitingBanner, []);
        }
        if (worst == Level.Unknown)
        {
            var missing = panels.Where(p => p.Level == Level.Unknown).Select(p => p.Title).ToList();
            return new BannerView(state, $"{StateWords.Unknown}: no data from {string.Join(", ", missing)}", missing);
        }
        if (worst == Level.Ok)
        {
            var stale = panels.Where(p => p.Status == PanelStatus.Stale).Select(p => p.Title).ToList();
            return new BannerView(state, StateWords.AllNormal + (stale.Count > 0 ? " · stale: " + string.Join(", ", stale) : ""), stale);
        }

        var reasons = new List<string>();
        var alertReasons = new List<string>();
        foreach (var panel in panels.Where(p => p.Level == worst))
        {
            var staleMark = panel.Status == PanelStatus.Stale ? ", stale" : "";
            if (panel.Key == PrometheusPanelSources.Alerts)
            {
                alertReasons.AddRange(panel.Alerts.Where(a => LevelOf(a) == worst).Select(a => $"{a.Name} {a.State}{staleMark}"));
                var other = panel.Figures.Where(f => f.Level == worst && f.Key is not (AlertFigureKeys.Firing or AlertFigureKeys.Pending)).Select(f => f.Label).ToList();
                if (other.Count > 0)
                {
                    reasons.Add($"{panel.Title} ({string.Join(", ", other)}{staleMark})");
                }
                continue;
            }
            var figures = panel.Figures.Where(f => f.Level == worst).Select(f => f.Label).ToList();
            reasons.Add(figures.Count == 0 ? panel.Title : $"{panel.Title} ({string.Join(", ", figures)}{staleMark})");
        }
        reasons.AddRange(alertReasons);
        // When every panel that sets the state is stale, the state is a memory, not a reading: say since when.
        var lead = panels.Where(p => p.Level == worst).All(p => p.Status == PanelStatus.Stale)
            && panels.Where(p => p.Level == worst).Min(p => p.StaleSince) is { } since
            ? $"{state.Word} when last read (no reading since {ArgentinaTime.FormatTimeWithSeconds(since)})"
            : state.Word;
        return new BannerView(state, $"{lead}: {string.Join("; ", reasons)}", reasons);
    }

    /// <summary>A firing critical alert is critical; any other firing or pending alert is a warning.</summary>
    public static Level LevelOf(AlertItem alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.State == AlertStates.Firing && alert.Severity == AlertStates.CriticalSeverity ? Level.Critical : Level.Warning;
    }

    private static string NoUpdateText(LiveSnapshot snapshot) =>
        $"No update from the server since {ArgentinaTime.FormatTimeWithSeconds(snapshot.GeneratedAt)}.";
}
