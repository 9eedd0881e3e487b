using System.Text.Json.Serialization;

namespace BarberPro.Core.Live;

/// <summary>
/// Everything a live screen shows, in words of one language, computed once per snapshot and language
/// (<see cref="LiveViewBuilder"/>, <see cref="LiveViewStore"/>) and shared by every circuit of that language; the wall
/// and the live API (<c>/hubs/live</c>, English) read the same views. Immutable.
/// </summary>
/// <param name="Version">The snapshot's version; 0 before the first poll.</param>
/// <param name="Stalled">No snapshot arrived for two poll intervals: the panels shown are the last ones, marked stale.</param>
/// <param name="LiveText">What the page-level badge says: "live", "stalled since 14:05:09", "waiting for the first reading".</param>
/// <param name="Worst">The worst state of the platform (<see cref="LiveViewBuilder.WorstOf"/>), for the chip, tab title and favicon.</param>
/// <param name="Firing">Alerts firing now; null while alerting itself is unknown (never 0 for lack of data).</param>
/// <param name="Language">The language of its words ("en", "es-AR"): one view per language per snapshot.</param>
public sealed record LiveView(
    long Version,
    DateTimeOffset GeneratedAt,
    long PollIntervalMs,
    bool Stalled,
    string LiveText,
    string GeneratedText,
    StateView Worst,
    int? Firing,
    BannerView Banner,
    IReadOnlyList<PanelView> Panels,
    string Language = LiveWords.EnglishLanguage)
{
    public PanelView? Find(string key) => Panels.FirstOrDefault(p => p.Key == key);
}

/// <summary>A level as a person reads it: never a colour alone, always a word and an icon beside it.</summary>
/// <param name="Word">"OK", "Warning", "Critical", "Unknown" on tiles; <see cref="StateWords"/> for the platform.</param>
/// <param name="Icon">A symbol that tells the level without colour (see <see cref="StateIcons"/>).</param>
public sealed record StateView(Level Level, string Word, string Icon);

/// <summary>The one line at the top of the overview and the wall that says whether all is well, and if not, why.</summary>
/// <param name="Text">"All systems normal", "Degraded: Latency (p95); firing: HighLatency", "Down: Dependencies (Redis)".</param>
/// <param name="Reasons">The panels and firing alerts that make it so, one phrase each.</param>
public sealed record BannerView(StateView State, string Text, IReadOnlyList<string> Reasons);

/// <param name="StatusWord">"live", "stale", "no data".</param>
/// <param name="AsOfText">"as of 14:05:09" (Argentina time); null when the panel never answered.</param>
/// <param name="StaleSinceText">"stale since 14:05:09"; null unless stale.</param>
/// <param name="ChartKey">The chart this panel opens (a <c>ChartKeys</c> value), or null.</param>
/// <param name="ScaleEventsText">"14:02 · 12 → 15 pods", newest first; only on the Scaling panel.</param>
/// <param name="EmptyText">What an empty list on the panel says (alerts, scale events); null when there is none.</param>
public sealed record PanelView(
    string Key,
    string Title,
    PanelStatus Status,
    StateView State,
    string StatusWord,
    DateTimeOffset? AsOf,
    string? AsOfText,
    DateTimeOffset? StaleSince,
    string? StaleSinceText,
    string? Error,
    IReadOnlyList<FigureView> Figures,
    IReadOnlyList<AlertView> Alerts,
    AlertingState? AlertingState,
    IReadOnlyList<string> AlertingNotes,
    IReadOnlyList<string> ScaleEventsText,
    string? EmptyText,
    string? ChartKey)
{
    [JsonIgnore]
    public bool IsStale => Status == PanelStatus.Stale;
}

/// <summary>One figure as shown: its value with unit, its target and its state in words.</summary>
public sealed record FigureView(string Key, string Label, double? Value, string Unit, string Display, string? Target, StateView State);

/// <summary>A firing or pending alert as shown.</summary>
/// <param name="SinceText">"since 14:02" (Argentina time) or null.</param>
public sealed record AlertView(string Name, string State, string Severity, string Summary, DateTimeOffset? ActiveAt, string? SinceText, StateView Level);

/// <summary>The words of the platform's state, used by the banner, the status chip and the tab title.</summary>
public static class StateWords
{
    public const string Normal = "Normal";
    public const string Degraded = "Degraded";
    public const string Down = "Down";
    public const string Unknown = "Unknown";
    public const string AllNormal = "All systems normal";
    public const string Live = "live";
    public const string Stale = "stale";
    public const string NoData = FigureFormat.NoData;
}

/// <summary>Symbols that tell a level without colour: shown beside every coloured value, and in the tab title.</summary>
public static class StateIcons
{
    public const string Ok = "✓";
    public const string Warning = "▲";
    public const string Critical = "✖";
    public const string Unknown = "?";
}
