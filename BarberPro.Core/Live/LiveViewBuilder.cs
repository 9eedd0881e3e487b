using BarberPro.Core.Charts;
using BarberPro.Core.Time;
using BarberPro.Core.Text;

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

    private static readonly Phrase[] s_tileWords =
    [
        Phrase.Of("Live_Tile_Unknown", "Unknown"),
        Phrase.Of("Live_Tile_Ok", "OK"),
        Phrase.Of("Live_Tile_Warning", "Warning"),
        Phrase.Of("Live_Tile_Critical", "Critical"),
    ];

    private static readonly Phrase[] s_platformWords =
    [
        Phrase.Of("Live_State_Unknown", StateWords.Unknown),
        Phrase.Of("Live_State_Normal", StateWords.Normal),
        Phrase.Of("Live_State_Degraded", StateWords.Degraded),
        Phrase.Of("Live_State_Down", StateWords.Down),
    ];

    private static readonly string[] s_icons = [StateIcons.Unknown, StateIcons.Ok, StateIcons.Warning, StateIcons.Critical];

    private static readonly StateView[] s_tileStates = States(s_tileWords, LiveWords.English);

    private static readonly StateView[] s_platformStates = States(s_platformWords, LiveWords.English);

    /// <summary>A tile's or figure's level in words: "OK", "Warning", "Critical", "Unknown".</summary>
    public static StateView Tile(Level level) => s_tileStates[(int)level];

    /// <summary>The platform's level in words: "Normal", "Degraded", "Down", "Unknown".</summary>
    public static StateView Platform(Level level) => s_platformStates[(int)level];

    private static StateView[] States(Phrase[] words, ILiveWords language) =>
        [.. Enum.GetValues<Level>().Select(level => new StateView(level, language.Say(words[(int)level]), s_icons[(int)level]))];

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

    /// <summary>The English view of <paramref name="snapshot"/> (the live API's).</summary>
    public static LiveView Build(LiveSnapshot snapshot, DateTimeOffset? stalledAt = null) => Build(snapshot, LiveWords.English, stalledAt);

    /// <summary>
    /// The view of <paramref name="snapshot"/> in <paramref name="words"/>' language. With <paramref name="stalledAt"/>
    /// (no snapshot for two poll intervals), panels that were current are shown stale since the snapshot's time,
    /// keeping their values and severity.
    /// </summary>
    public static LiveView Build(LiveSnapshot snapshot, ILiveWords words, DateTimeOffset? stalledAt = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(words);
        var say = new Sayer(words);
        var stalled = stalledAt is not null;
        var noUpdate = Phrase.Of("Live_NoUpdate", "No update from the server since {0}.", ArgentinaTime.FormatTimeWithSeconds(snapshot.GeneratedAt));
        var panels = stalled
            ? snapshot.Panels.Select(p => p.Status == PanelStatus.Data
                ? p with { Status = PanelStatus.Stale, StaleSince = snapshot.GeneratedAt, Error = noUpdate.ToString(), ErrorWords = noUpdate }
                : p).ToList()
            : snapshot.Panels;

        var worst = WorstOf(panels);
        var alerts = panels.FirstOrDefault(p => p.Key == PrometheusPanelSources.Alerts);
        int? firing = alerts is null || alerts.Status == PanelStatus.Error || alerts.Alerting?.State is AlertingState.Unknown
            ? null
            : alerts.Alerts.Count(a => a.State == AlertStates.Firing);
        var liveText = snapshot.Version == 0
            ? stalled ? Phrase.Of("Live_NoReadingYet", "no reading yet") : Phrase.Of("Live_Waiting", WaitingText)
            : stalled ? Phrase.Of("Live_Stalled", "stalled — no update from the server since {0}", ArgentinaTime.FormatTimeWithSeconds(snapshot.GeneratedAt))
            : Phrase.Of("Live_Live", StateWords.Live);
        return new LiveView(
            snapshot.Version,
            snapshot.GeneratedAt,
            snapshot.PollIntervalMs,
            stalled,
            words.Say(liveText),
            snapshot.Version == 0 ? words.Say(Phrase.Of("Live_NotYet", "not yet")) : ArgentinaTime.FormatTimeWithSeconds(snapshot.GeneratedAt),
            say.Platform(worst),
            firing,
            Banner(panels, worst, say),
            panels.Select(p => Panel(p, say)).ToList(),
            words.Language);
    }

    public static PanelView Panel(PanelSnapshot panel) => Panel(panel, new Sayer(LiveWords.English));

    private static PanelView Panel(PanelSnapshot panel, Sayer say)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var words = say.Words;
        var isAlerts = panel.Key == PrometheusPanelSources.Alerts;
        var isScaling = panel.Key == PrometheusPanelSources.Scaling;
        string? empty = isAlerts && panel.Alerts.Count == 0 ? (panel.Alerting?.EmptyWords is { } e ? words.Say(e) : panel.Alerting?.EmptyText)
            : isScaling && panel.ScaleEvents.Count == 0 ? words.Say(Phrase.Of("Live_NoScaling", NoScalingText))
            : null;
        return new PanelView(
            panel.Key,
            say.Title(panel),
            panel.Status,
            say.Tile(panel.Level),
            words.Say(panel.Status switch
            {
                PanelStatus.Data => Phrase.Of("Live_Live", StateWords.Live),
                PanelStatus.Stale => Phrase.Of("Live_Stale", StateWords.Stale),
                _ => Says.NoData,
            }),
            panel.AsOf,
            panel.AsOf is { } at ? words.Say(Phrase.Of("Live_AsOf", "as of {0}", ArgentinaTime.FormatTimeWithSeconds(at))) : null,
            panel.Status == PanelStatus.Stale ? panel.StaleSince : null,
            panel.Status == PanelStatus.Stale && panel.StaleSince is { } since
                ? words.Say(Phrase.Of("Live_StaleSince", "stale since {0}", ArgentinaTime.FormatTimeWithSeconds(since))) : null,
            panel.ErrorWords is { } error ? words.Say(error) : panel.Error,
            panel.Figures.Select(f => new FigureView(f.Key, say.Label(f), f.Value, f.Unit,
                f.Words is { } w ? words.Say(w.Display) : f.Display,
                f.Words is { } t ? words.SayOrNull(t.Target) : f.Target,
                say.Tile(f.Level))).ToList(),
            panel.Alerts.Select(a => new AlertView(a.Name, say.AlertState(a.State), a.Severity, a.Summary, a.ActiveAt,
                a.ActiveAt is { } t ? words.Say(Phrase.Of("Live_Since", "since {0}", ArgentinaTime.FormatTime(t))) : null,
                say.Tile(LevelOf(a)))).ToList(),
            panel.Alerting?.State,
            panel.Alerting is { NoteWords: { } notes } ? [.. notes.Select(words.Say)] : panel.Alerting?.Notes ?? [],
            isScaling
                ? panel.ScaleEvents.Select(e => words.Say(Phrase.Of("Live_ScaleEvent", "{0} · {1} → {2} pods",
                    ArgentinaTime.FormatTime(e.At), e.From, e.To))).ToList()
                : [],
            empty,
            ChartOfPanel.GetValueOrDefault(panel.Key));
    }

    /// <summary>"All systems normal", or the state and what makes it so: the panels at the worst level (with the figures
    /// that put them there) and the alerts at that level.</summary>
    public static BannerView Banner(IReadOnlyList<PanelSnapshot> panels, Level worst) => Banner(panels, worst, new Sayer(LiveWords.English));

    private static BannerView Banner(IReadOnlyList<PanelSnapshot> panels, Level worst, Sayer say)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var words = say.Words;
        var state = say.Platform(worst);
        if (panels.Count == 0)
        {
            return new BannerView(state, words.Say(Phrase.Of("Live_WaitingBanner", WaitingBanner)), []);
        }
        if (worst == Level.Unknown)
        {
            var missing = panels.Where(p => p.Level == Level.Unknown).Select(say.Title).ToList();
            return new BannerView(state, words.Say(Phrase.Of("Live_Banner_NoData", "{0}: no data from {1}", state.Word, string.Join(", ", missing))), missing);
        }
        if (worst == Level.Ok)
        {
            var stale = panels.Where(p => p.Status == PanelStatus.Stale).Select(say.Title).ToList();
            var normal = words.Say(Phrase.Of("Live_AllNormal", StateWords.AllNormal));
            return new BannerView(state, stale.Count > 0
                ? words.Say(Phrase.Of("Live_Banner_NormalStale", "{0} · stale: {1}", normal, string.Join(", ", stale)))
                : normal, stale);
        }

        var reasons = new List<string>();
        var alertReasons = new List<string>();
        var staleWord = words.Say(Phrase.Of("Live_Stale", StateWords.Stale));
        foreach (var panel in panels.Where(p => p.Level == worst))
        {
            var staleMark = panel.Status == PanelStatus.Stale ? ", " + staleWord : "";
            var title = say.Title(panel);
            if (panel.Key == PrometheusPanelSources.Alerts)
            {
                alertReasons.AddRange(panel.Alerts.Where(a => LevelOf(a) == worst).Select(a => $"{a.Name} {say.AlertState(a.State)}{staleMark}"));
                var other = panel.Figures.Where(f => f.Level == worst && f.Key is not (AlertFigureKeys.Firing or AlertFigureKeys.Pending)).Select(say.Label).ToList();
                if (other.Count > 0)
                {
                    reasons.Add($"{title} ({string.Join(", ", other)}{staleMark})");
                }
                continue;
            }
            var figures = panel.Figures.Where(f => f.Level == worst).Select(say.Label).ToList();
            reasons.Add(figures.Count == 0 ? title : $"{title} ({string.Join(", ", figures)}{staleMark})");
        }
        reasons.AddRange(alertReasons);
        // When every panel that sets the state is stale, the state is a memory, not a reading: say since when.
        var lead = panels.Where(p => p.Level == worst).All(p => p.Status == PanelStatus.Stale)
            && panels.Where(p => p.Level == worst).Min(p => p.StaleSince) is { } since
            ? words.Say(Phrase.Of("Live_Banner_WhenLastRead", "{0} when last read (no reading since {1})", state.Word, ArgentinaTime.FormatTimeWithSeconds(since)))
            : state.Word;
        return new BannerView(state, $"{lead}: {string.Join("; ", reasons)}", reasons);
    }

    /// <summary>A firing critical alert is critical; any other firing or pending alert is a warning.</summary>
    public static Level LevelOf(AlertItem alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.State == AlertStates.Firing && alert.Severity == AlertStates.CriticalSeverity ? Level.Critical : Level.Warning;
    }

    /// <summary>The words of one language for one view: its state words computed once, not per tile.</summary>
    private sealed class Sayer(ILiveWords words)
    {
        private readonly StateView[] _tiles = ReferenceEquals(words, LiveWords.English) ? s_tileStates : States(s_tileWords, words);
        private readonly StateView[] _platform = ReferenceEquals(words, LiveWords.English) ? s_platformStates : States(s_platformWords, words);

        public ILiveWords Words => words;

        public StateView Tile(Level level) => _tiles[(int)level];

        public StateView Platform(Level level) => _platform[(int)level];

        /// <summary>A panel's title in this language: its key's words, or the source's own title.</summary>
        public string Title(PanelSnapshot panel) => words.Template("Live_Panel_" + panel.Key) ?? panel.Title;

        public string Label(Figure figure) => figure.Words is { } w ? words.Say(w.Label) : figure.Label;

        /// <summary>"firing", "pending" in this language.</summary>
        public string AlertState(string state) => state switch
        {
            AlertStates.Firing => words.Say(Phrase.Of("Live_Alert_Firing", AlertStates.Firing)),
            AlertStates.Pending => words.Say(Phrase.Of("Live_Alert_Pending", AlertStates.Pending)),
            _ => state,
        };
    }
}
