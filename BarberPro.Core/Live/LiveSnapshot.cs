using System.Text.Json.Serialization;
using BarberPro.Core.Text;

namespace BarberPro.Core.Live;

/// <summary>Whether a panel shows current data, the last good data of a source that stopped answering, or nothing.</summary>
public enum PanelStatus
{
    /// <summary>The last poll answered: the figures are current as of <see cref="PanelSnapshot.AsOf"/>.</summary>
    Data,

    /// <summary>The source stopped answering at <see cref="PanelSnapshot.StaleSince"/>; the figures are the last good ones.</summary>
    Stale,

    /// <summary>The source has never answered since start-up (or answered nonsense): there is nothing to show.</summary>
    Error,
}

/// <summary>How a figure stands against its threshold.</summary>
public enum Level
{
    Unknown,
    Ok,
    Warning,
    Critical,
}

/// <summary>One number on a panel, already formatted so every browser shows the same text.</summary>
/// <param name="Key">Stable key, unique within the panel (the client updates tiles by "panel.figure").</param>
/// <param name="Value">The raw value in <paramref name="Unit"/>; null when the source returned no series for it.</param>
/// <param name="Display">The value as shown, with its unit.</param>
/// <param name="Target">The threshold it is judged against, as shown ("&lt; 100 ms").</param>
/// <param name="Words">Label, value and target as phrases, which each language's view says in its words; without them
/// every language shows the English strings.</param>
public sealed record Figure(string Key, string Label, double? Value, string Unit, string Display, Level Level, string? Target,
    [property: JsonIgnore] FigureWords? Words = null)
{
    /// <summary>A figure said in phrases: its strings are their English.</summary>
    public static Figure Said(string key, Phrase label, double? value, string unit, Phrase display, Level level, Phrase? target) =>
        new(key, label.ToString(), value, unit, display.ToString(), level, target?.ToString(), new FigureWords(label, display, target));
}

/// <summary>The states of <see cref="AlertItem.State"/> and the severity that makes a firing alert critical.</summary>
public static class AlertStates
{
    public const string Firing = "firing";
    public const string Pending = "pending";
    public const string CriticalSeverity = "critical";
}

/// <summary>Keys of the Alerts panel's figures, read by the panel source and the view rules.</summary>
public static class AlertFigureKeys
{
    public const string Firing = "firing";
    public const string Pending = "pending";
    public const string Rules = "rules";
}

/// <summary>A firing or pending alert from Prometheus.</summary>
public sealed record AlertItem(string Name, string State, string Severity, string Summary, DateTimeOffset? ActiveAt);

/// <summary>A change of the HPA's desired replica count.</summary>
public sealed record ScaleEvent(DateTimeOffset At, int From, int To);

/// <param name="Alerting">On the Alerts panel only: whether alerting runs, and what the panel says about it.</param>
/// <param name="ErrorWords"><paramref name="Error"/> as a phrase, when the dashboard wrote it (not a source's own message).</param>
public sealed record PanelSnapshot(
    string Key,
    string Title,
    PanelStatus Status,
    DateTimeOffset? AsOf,
    DateTimeOffset? StaleSince,
    string? Error,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<AlertItem> Alerts,
    IReadOnlyList<ScaleEvent> ScaleEvents,
    AlertingStatus? Alerting = null,
    [property: JsonIgnore] Phrase? ErrorWords = null)
{
    /// <summary>
    /// The worst level of the panel's figures. A stale panel keeps the severity it last had (a stale "Redis down" stays
    /// critical, shown as stale beside it: turning it calm grey would hide the outage); one that never answered is
    /// unknown.
    /// </summary>
    public Level Level => Status == PanelStatus.Error ? Level.Unknown
        : Figures.Count == 0 ? Level.Unknown
        : Figures.Max(f => f.Level);

    public Figure? Find(string key) => Figures.FirstOrDefault(f => f.Key == key);

    /// <summary>The state as a new source of this panel starts: no data yet.</summary>
    public static PanelSnapshot Pending(string key, string title) =>
        new(key, title, PanelStatus.Error, null, null, WaitingForAnswer.English, [], [], [], ErrorWords: WaitingForAnswer);

    private static readonly Phrase WaitingForAnswer = Phrase.Of("Live_WaitingForAnswer", "Waiting for the first answer.");

    /// <summary>A successful read replaces everything.</summary>
    public static PanelSnapshot FromReading(string key, string title, PanelReading reading) =>
        new(key, title, PanelStatus.Data, reading.AsOf, null, null, reading.Figures, reading.Alerts ?? [], reading.ScaleEvents ?? [],
            reading.Alerting);

    /// <summary>
    /// A failed read keeps the last good figures, marked stale since the first failure, or, when there never were
    /// any, shows the error. A figure is never invented or reset to zero.
    /// </summary>
    public PanelSnapshot Failed(string error, DateTimeOffset now, Phrase? errorWords = null) => AsOf is null
        ? this with { Status = PanelStatus.Error, Error = error, ErrorWords = errorWords }
        : this with { Status = PanelStatus.Stale, StaleSince = StaleSince ?? now, Error = error, ErrorWords = errorWords };
}

/// <summary>
/// Everything the live screens show, built by the one poller of the process. Immutable; <see cref="Version"/> grows
/// by one with each poll, so clients can tell a newer snapshot from an older one.
/// </summary>
public sealed record LiveSnapshot(long Version, DateTimeOffset GeneratedAt, [property: JsonIgnore] TimeSpan PollInterval, IReadOnlyList<PanelSnapshot> Panels)
{
    /// <summary>The poll interval as the browser reads it: a panel older than two intervals is stale there too.</summary>
    public long PollIntervalMs => (long)PollInterval.TotalMilliseconds;

    public static LiveSnapshot Empty(TimeSpan pollInterval) => new(0, DateTimeOffset.MinValue, pollInterval, []);

    public PanelSnapshot? Find(string key) => Panels.FirstOrDefault(p => p.Key == key);
}
