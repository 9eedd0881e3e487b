using BarberPro.Core.Prometheus;

namespace BarberPro.Core.Alerts;

/// <summary>An episode the history holds as still firing (no resolved row yet).</summary>
public sealed record OpenEpisode(string Fingerprint, DateTimeOffset EpisodeStart, string AlertName, string Severity,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, IReadOnlyList<string> OpenSilences);

/// <summary>
/// The transitions one poll implies, from what Alertmanager and Prometheus hold now and what the history holds as
/// open. Pure: no clock, no I/O. A source that could not be read (null) implies nothing — an Alertmanager that is down
/// never "resolves" every alert.
/// </summary>
public static class AlertTransitions
{
    public static IReadOnlyList<AlertTransition> Compute(
        IReadOnlyList<AlertmanagerAlert>? alertmanager,
        IReadOnlyList<PrometheusAlert>? prometheus,
        IReadOnlyList<OpenEpisode> open,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(open);
        var result = new List<AlertTransition>();
        foreach (var alert in prometheus ?? [])
        {
            if (alert.State == PrometheusAlertState.Pending && alert.ActiveAt is { } activeAt)
            {
                result.Add(new AlertTransition(AlertFingerprint.Of(alert.Labels), alert.Name, alert.Severity ?? "", alert.Labels,
                    alert.Annotations, activeAt, AlertTransitionState.Pending, "", activeAt, null));
            }
        }

        if (alertmanager is null)
        {
            return result;
        }

        var current = new Dictionary<(string, DateTimeOffset), AlertmanagerAlert>();
        foreach (var alert in alertmanager)
        {
            if (alert.EndsAt <= now && alert.EndsAt > alert.StartsAt)
            {
                continue; // resolved: handled below as gone
            }

            var fingerprint = AlertFingerprint.Of(alert.Labels);
            current[(fingerprint, alert.StartsAt)] = alert;
            var severity = alert.Labels.GetValueOrDefault("severity", "");
            result.Add(new AlertTransition(fingerprint, alert.AlertName, severity, alert.Labels, alert.Annotations,
                alert.StartsAt, AlertTransitionState.Firing, "", alert.StartsAt, null));
            foreach (var silence in alert.SilencedBy)
            {
                result.Add(new AlertTransition(fingerprint, alert.AlertName, severity, alert.Labels, alert.Annotations,
                    alert.StartsAt, AlertTransitionState.Silenced, silence, now, null));
            }
        }

        foreach (var episode in open)
        {
            if (!current.TryGetValue((episode.Fingerprint, episode.EpisodeStart), out var alert))
            {
                var duration = now > episode.EpisodeStart ? now - episode.EpisodeStart : TimeSpan.Zero;
                result.Add(new AlertTransition(episode.Fingerprint, episode.AlertName, episode.Severity, episode.Labels,
                    episode.Annotations, episode.EpisodeStart, AlertTransitionState.Resolved, "", now, duration));
                continue;
            }

            foreach (var silence in episode.OpenSilences)
            {
                if (!alert.SilencedBy.Contains(silence, StringComparer.Ordinal))
                {
                    result.Add(new AlertTransition(episode.Fingerprint, episode.AlertName, episode.Severity, episode.Labels,
                        episode.Annotations, episode.EpisodeStart, AlertTransitionState.Unsilenced, silence, now, null));
                }
            }
        }

        return result;
    }
}
