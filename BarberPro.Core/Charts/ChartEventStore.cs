using System.Text;
using BarberPro.Core.Alerts;
using BarberPro.Core.Incidents;
using BarberPro.Core.Prometheus;
using BarberPro.Core.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BarberPro.Core.Charts;

/// <summary>
/// The alert firing periods, maintenance windows and incidents every live chart marks, read <b>once per process</b>
/// and held as one immutable <see cref="ChartEvents"/> that every circuit's charts, every range and the wall share (the
/// bands of each chart and range are cut from it when a snapshot is shaped, <see cref="LiveChartFrames"/>): the number
/// of reads does not grow with viewers, charts or ranges.
/// <list type="bullet">
/// <item>One read covers the longest chart range (<see cref="Horizon"/>): firing periods from the stored alert
/// transitions (<see cref="AlertHistoryStore"/>: the open episodes and the resolved ones), incidents
/// (<see cref="IncidentStore"/>), and windows from the silences the alert reader last read (no read of its own).</item>
/// <item>It reads again when something the bands show changed: the inbox's firing alerts or silences
/// (<see cref="AlertInboxStore.Changed"/>, compared by a key so that an unchanged poll reads nothing), the incident
/// figures or timelines (<see cref="IncidentSummaryStore.Changed"/>); and every <see cref="RefreshInterval"/>, for what
/// another dashboard instance changed. Between reads the window slides without a read: an event that began since would
/// have been a change.</item>
/// <item>When the database does not answer, the last events are kept and the next change or interval reads again.</item>
/// </list>
/// Singleton and hosted service.
/// </summary>
public sealed partial class ChartEventStore(
    AlertHistoryStore history,
    AlertInboxStore inbox,
    IncidentStore incidents,
    IncidentSummaryStore summaries,
    TimeProvider time,
    ILogger<ChartEventStore> logger) : BackgroundService
{
    /// <summary>How often the events are read even when nothing here changed (another instance's incident or silence).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>Transitions read per refresh at most (newest first); a week of a flapping alert stays well below it.</summary>
    public const int TransitionLimit = 5000;

    /// <summary>Incidents read per refresh at most (open first, then the most recently resolved).</summary>
    public const int IncidentLimit = 500;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _publish = new();
    private ChartEvents _current = ChartEvents.None;
    private string? _inboxKey;
    private long _reads;

    /// <summary>How far back a read looks: the longest chart range.</summary>
    public static TimeSpan Horizon { get; } = RangeStep.StandardRanges.Values.Max();

    public ChartEvents Current => Volatile.Read(ref _current);

    /// <summary>Reads of the database so far (one per refresh; tests: shared by every chart).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        inbox.Changed += OnInbox;
        summaries.Changed += OnSummary;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is down (or a read failed otherwise): the last bands stay; the next change or interval reads again.
                    LogReadFailed(ex);
                }

                await time.DelayOrWakeAsync(RefreshInterval, _wake.WaitAsync, stoppingToken);
            }
        }
        finally
        {
            inbox.Changed -= OnInbox;
            summaries.Changed -= OnSummary;
        }
    }

    /// <summary>Reads the events now and publishes them (a new <see cref="ChartEvents.Version"/> only when they changed).</summary>
    public async Task<ChartEvents> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now - Horizon;
        Interlocked.Increment(ref _reads);
        var open = await history.GetOpenEpisodesAsync(now, cancellationToken);
        var transitions = await history.GetTransitionsAsync(from, now.AddSeconds(1), TransitionLimit, cancellationToken);
        var list = await incidents.ListAsync(IncidentLimit, cancellationToken);
        return Publish(Build(open, transitions, inbox.Current.Silences, list, from), now);
    }

    /// <summary>Makes <paramref name="events"/> current (a new version when they differ from the current ones).</summary>
    public ChartEvents Publish(IReadOnlyList<ChartEvent> events, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(events);
        lock (_publish)
        {
            var current = _current;
            var next = current.Events.SequenceEqual(events)
                ? current with { AsOf = asOf }
                : new ChartEvents(current.Version + 1, asOf, events);
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    /// <summary>
    /// The events of the last <see cref="Horizon"/> (from <paramref name="from"/> on): each firing episode once (open:
    /// no end; resolved: until it was seen resolved), every silence other than the inbox's quick one
    /// (<see cref="MaintenanceWindowTime.InboxSilenceCommentPrefix"/>) as a window, and the incidents open or resolved
    /// since <paramref name="from"/>. Pure.
    /// </summary>
    public static IReadOnlyList<ChartEvent> Build(IReadOnlyList<OpenEpisode> open, IReadOnlyList<AlertTransition> transitions,
        IReadOnlyList<Silence> silences, IReadOnlyList<Incident> incidents, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(incidents);
        var events = new List<ChartEvent>();
        var seen = new HashSet<(string, DateTimeOffset)>();
        foreach (var t in transitions.Where(t => t.State == AlertTransitionState.Resolved).OrderBy(t => t.EpisodeStart))
        {
            if (t.At >= from && seen.Add((t.Fingerprint, t.EpisodeStart)))
            {
                events.Add(new ChartEvent(ChartEventKind.Firing, t.EpisodeStart, t.At, t.AlertName, t.Severity));
            }
        }

        foreach (var e in open.OrderBy(e => e.EpisodeStart))
        {
            if (seen.Add((e.Fingerprint, e.EpisodeStart)))
            {
                events.Add(new ChartEvent(ChartEventKind.Firing, e.EpisodeStart, null, e.AlertName, e.Severity));
            }
        }

        foreach (var s in silences.OrderBy(s => s.StartsAt).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            if (!s.Comment.StartsWith(MaintenanceWindowTime.InboxSilenceCommentPrefix, StringComparison.Ordinal) && s.EndsAt >= from)
            {
                events.Add(new ChartEvent(ChartEventKind.Maintenance, s.StartsAt, s.EndsAt, s.Comment, ""));
            }
        }

        foreach (var i in incidents.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id))
        {
            if (i.ResolvedAt is not { } resolved || resolved >= from)
            {
                events.Add(new ChartEvent(ChartEventKind.Incident, i.OpenedAt, i.Status == IncidentStatus.Open ? null : i.ResolvedAt, i.Title, i.Severity)
                {
                    Number = i.Id,
                });
            }
        }

        return events;
    }

    /// <summary>What of an inbox the bands depend on: the firing alerts and the silences (not its time or version).</summary>
    internal static string InboxKey(AlertInbox inbox)
    {
        var key = new StringBuilder();
        foreach (var a in inbox.Firing)
        {
            key.Append(a.Fingerprint).Append('@').Append(a.Since.ToUnixTimeMilliseconds()).Append(';');
        }

        key.Append('#');
        foreach (var s in inbox.Silences)
        {
            key.Append(s.Id).Append('@').Append(s.StartsAt.ToUnixTimeMilliseconds()).Append('-').Append(s.EndsAt.ToUnixTimeMilliseconds())
                .Append(s.State).Append(s.Comment.Length).Append(':').Append(s.Comment).Append(';');
        }

        return key.ToString();
    }

    private void OnInbox(AlertInbox current)
    {
        var key = InboxKey(current);
        if (Interlocked.Exchange(ref _inboxKey, key) != key)
        {
            Wake();
        }
    }

    private void OnSummary(IncidentSummary _) => Wake();

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A read is already asked for.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 4330, Level = LogLevel.Warning, Message = "The charts' alert, window and incident bands were not read; the last ones are kept")]
    private partial void LogReadFailed(Exception ex);
}
