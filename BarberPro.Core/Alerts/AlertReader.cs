using BarberPro.Core.Prometheus;
using BarberPro.Core.Time;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Core.Alerts;

/// <summary>
/// One per process: every <see cref="AlertsOptions.PollInterval"/> (or at once when <see cref="AlertInboxStore.RequestRefresh"/>
/// asks) reads Alertmanager's alerts and silences and Prometheus' pending alerts, appends the transitions they imply
/// to the history (idempotent, so several instances may run it), and publishes the inbox. A source that fails is
/// reported in the inbox and implies no transition.
/// </summary>
public sealed partial class AlertReader(
    AlertmanagerClient alertmanager,
    PrometheusClient prometheus,
    AlertHistoryStore history,
    AlertInboxStore store,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<AlertReader> logger) : BackgroundService
{
    private long _version;

    /// <summary>The inbox without an Alertmanager: says so; nothing is polled (not even Prometheus' pending alerts, which only
    /// make sense beside the firing ones), so a dashboard without Alertmanager sends no query more than before.</summary>
    public static AlertInbox NotConfiguredInbox(DateTimeOffset now) => AlertInbox.Empty with
    {
        Version = 1,
        AsOf = now,
        Alertmanager = AlertSourceStatus.NotConfigured,
        AlertmanagerError = "No Alertmanager is configured (Alertmanager:BaseUrl): the alert inbox, its history and silences are off.",
        Prometheus = AlertSourceStatus.NotConfigured,
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!alertmanager.IsConfigured)
        {
            store.Publish(NotConfiguredInbox(time.GetUtcNow()));
            return;
        }

        var interval = options.Value.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(ex);
            }

            await time.DelayOrWakeAsync(interval, store.WaitForRefreshAsync, stoppingToken);
        }
    }

    /// <summary>One poll: read, record, publish (unless a poll that began later has published already). Public for tests.</summary>
    public async Task<AlertInbox> PollAsync(CancellationToken cancellationToken)
    {
        if (!alertmanager.IsConfigured)
        {
            return NotConfiguredInbox(time.GetUtcNow());
        }

        // Numbered before anything is read: of two overlapping polls, the one that read later publishes last.
        var version = Interlocked.Increment(ref _version);
        IReadOnlyList<AlertmanagerAlert>? amAlerts;
        IReadOnlyList<Silence> silences = [];
        var amStatus = AlertSourceStatus.Ok;
        string? amError = null;
        try
        {
            amAlerts = await alertmanager.GetAlertsAsync(cancellationToken);
            silences = await alertmanager.GetSilencesAsync(cancellationToken);
        }
        catch (AlertmanagerException ex)
        {
            amAlerts = null;
            amStatus = AlertSourceStatus.Unavailable;
            amError = ex.Message;
        }

        IReadOnlyList<PrometheusAlert>? promAlerts = null;
        var promStatus = AlertSourceStatus.Ok;
        string? promError = null;
        try
        {
            promAlerts = await prometheus.GetAlertsAsync(cancellationToken);
        }
        catch (PrometheusException ex)
        {
            promStatus = AlertSourceStatus.Unavailable;
            promError = ex.Message;
        }

        var now = time.GetUtcNow();
        var previous = store.Current;
        IReadOnlyList<AlertTransition> resolved = previous.Resolved;
        var overnight = previous.Overnight;
        string? historyError = null;
        try
        {
            var open = await history.GetOpenEpisodesAsync(now, cancellationToken);
            var transitions = AlertTransitions.Compute(amAlerts, promAlerts, open, now);
            var added = await history.RecordAsync(transitions, cancellationToken);
            foreach (var t in added)
            {
                LogTransition(t.AlertName, AlertTransition.StateName(t.State), t.Fingerprint, t.Detail);
            }

            resolved = (await history.GetTransitionsAsync(now - options.Value.ResolvedWindow, now.AddSeconds(1), 200, cancellationToken))
                .Where(t => t.State == AlertTransitionState.Resolved)
                .ToArray();
            var (nightFrom, nightTo) = OvernightCount.NightBefore(now);
            overnight = new OvernightCount(nightFrom, nightTo, await history.CountFiredAsync(nightFrom, nightTo, cancellationToken));
        }
        catch (NpgsqlException ex)
        {
            // The inbox still shows what fires now; the history catches up at the next poll that reaches the database.
            historyError = "The alert history cannot be saved or read now (the dashboard's database is not answering); what fires now is still shown.";
            LogHistoryFailed(ex);
        }

        var firing = (amAlerts ?? [])
            .Where(a => !(a.EndsAt <= now && a.EndsAt > a.StartsAt))
            .Select(a => new InboxAlert(
                AlertFingerprint.Of(a.Labels), a.AlertName, a.Labels.GetValueOrDefault("severity", ""), Pending: false, a.StartsAt,
                a.Labels, a.Annotations.GetValueOrDefault("summary", ""), a.Annotations.GetValueOrDefault("runbook_url"), a.SilencedBy))
            .OrderBy(a => SeverityRank(a.Severity)).ThenBy(a => a.Since).ThenBy(a => a.AlertName, StringComparer.Ordinal)
            .ToArray();
        var pending = (promAlerts ?? [])
            .Where(a => a.State == PrometheusAlertState.Pending)
            .Select(a => new InboxAlert(
                AlertFingerprint.Of(a.Labels), a.Name, a.Severity ?? "", Pending: true, a.ActiveAt ?? now, a.Labels,
                a.Annotations.GetValueOrDefault("summary", ""), a.Annotations.GetValueOrDefault("runbook_url"), []))
            .OrderBy(a => SeverityRank(a.Severity)).ThenBy(a => a.Since)
            .ToArray();
        var inbox = new AlertInbox(
            version, now, amStatus, amError, promStatus, promError, firing, pending,
            silences.Where(s => s.State != SilenceState.Expired || s.EndsAt > now - TimeSpan.FromHours(24))
                .OrderBy(s => s.State).ThenBy(s => s.EndsAt).ToArray(),
            resolved,
            overnight)
        {
            HistoryError = historyError,
        };
        store.Publish(inbox);
        return inbox;
    }

    internal static int SeverityRank(string severity) => severity switch
    {
        "critical" => 0,
        "warning" => 1,
        "info" => 2,
        _ => 3,
    };

    [LoggerMessage(EventId = 4310, Level = LogLevel.Information, Message = "Alert {AlertName} {State} (fingerprint {Fingerprint}{Detail})")]
    private partial void LogTransition(string alertName, string state, string fingerprint, string detail);

    [LoggerMessage(EventId = 4312, Level = LogLevel.Warning, Message = "Alert history not written this poll: the database did not answer")]
    private partial void LogHistoryFailed(Exception ex);

    [LoggerMessage(EventId = 4311, Level = LogLevel.Warning, Message = "Alert history poll failed; the inbox keeps its last state")]
    private partial void LogPollFailed(Exception ex);
}
