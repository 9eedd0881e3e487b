using BarberPro.Core.Alerts;
using BarberPro.Core.Live;
using BarberPro.Core.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Core.Incidents;

/// <summary>
/// Holds the newest <see cref="IncidentSummary"/> and tells subscribers (the overview's MTTR figure, the incident pages)
/// when it or any timeline of this process changed. Singleton.
/// </summary>
public sealed class IncidentSummaryStore
{
    private IncidentSummary? _current;

    /// <summary>Null until the first read of the database succeeded.</summary>
    public IncidentSummary? Current => Volatile.Read(ref _current);

    /// <summary>Raised after a changed summary or a timeline change (on the publisher's thread; handlers must not block).</summary>
    public event Action<IncidentSummary>? Changed;

    /// <summary>Makes <paramref name="summary"/> current; tells subscribers when its figures changed or <paramref name="timelinesChanged"/>.</summary>
    public void Publish(IncidentSummary summary, bool timelinesChanged = false)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var previous = Interlocked.Exchange(ref _current, summary);
        if (timelinesChanged || previous is null || previous with { AsOf = summary.AsOf } != summary)
        {
            Changed?.Invoke(summary);
        }
    }
}

/// <summary>
/// One per process: after each poll of the alert reader, when another instance changed an incident
/// (<see cref="ChangedElsewhere"/>), and at least every <see cref="AlertsOptions.PollInterval"/>,
/// copies the linked alerts' new transitions into the open incidents' timelines, adds the HPA scale events of the live
/// snapshot's Scaling panel, and refreshes the <see cref="IncidentSummary"/>. Nobody types any of it. Every step is
/// idempotent (the timeline's unique source), so several instances may run it. Scale events come from the snapshot the
/// one live poller already reads (the last hour of the HPA's desired replicas), so recording them costs no query to
/// Prometheus; an event older than that hour when the dashboard first sees it (the dashboard was down) is not recorded.
/// </summary>
public sealed partial class IncidentRecorder(
    IncidentStore store,
    IncidentSummaryStore summaries,
    AlertInboxStore inbox,
    LiveSnapshotStore? snapshots,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<IncidentRecorder> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _changedElsewhere;

    /// <summary>
    /// Another instance changed an incident (its NOTIFY reached this one), or changes may have been missed: the next round,
    /// started now, reads the summary again and tells this process's pages to read again. Returns at once (any thread).
    /// </summary>
    public void ChangedElsewhere()
    {
        Volatile.Write(ref _changedElsewhere, 1);
        Wake();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        inbox.Changed += OnInbox;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RecordAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (NpgsqlException ex)
                {
                    LogRecordFailed(ex);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never stop the host for a round that failed; the next round tries again.
                    LogRoundFailed(ex);
                }

                await time.DelayOrWakeAsync(options.Value.PollInterval, _wake.WaitAsync, stoppingToken);
            }
        }
        finally
        {
            inbox.Changed -= OnInbox;
        }
    }

    /// <summary>One round: alert transitions, scale events, summary. Public for tests (and for a page that just wrote).</summary>
    public async Task<int> RecordAsync(CancellationToken cancellationToken)
    {
        var elsewhere = Interlocked.Exchange(ref _changedElsewhere, 0) == 1;
        var added = await store.RecordAlertTransitionsAsync(cancellationToken);
        if (snapshots?.Current.Find(PrometheusPanelSources.Scaling) is { ScaleEvents.Count: > 0 } scaling)
        {
            added += await store.RecordScaleEventsAsync(scaling.ScaleEvents, cancellationToken);
        }

        if (added > 0)
        {
            LogRecorded(added);
        }

        await RefreshAsync(timelinesChanged: added > 0 || elsewhere, cancellationToken);
        return added;
    }

    /// <summary>Reads the summary again and publishes it (after a person's write: <paramref name="timelinesChanged"/>).</summary>
    public async Task RefreshAsync(bool timelinesChanged, CancellationToken cancellationToken) =>
        summaries.Publish(await store.GetSummaryAsync(time.GetUtcNow(), cancellationToken), timelinesChanged);

    private void OnInbox(AlertInbox _) => Wake();

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A round is already due.
        }
    }

    [LoggerMessage(EventId = 4320, Level = LogLevel.Information, Message = "Incident timelines: {Added} rows recorded")]
    private partial void LogRecorded(int added);

    [LoggerMessage(EventId = 4321, Level = LogLevel.Warning, Message = "Incident timelines not recorded this round: the database did not answer")]
    private partial void LogRecordFailed(Exception ex);

    [LoggerMessage(EventId = 4322, Level = LogLevel.Error, Message = "Incident timelines: a recording round failed")]
    private partial void LogRoundFailed(Exception ex);
}
