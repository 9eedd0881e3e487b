using System.Security.Cryptography;
using System.Text;

namespace BarberPro.Core.Alerts;

/// <summary>What happened to an alert: one row of <c>dashboard.alert_transitions</c>.</summary>
public enum AlertTransitionState
{
    Pending,
    Firing,
    Resolved,
    Silenced,
    Unsilenced,
}

/// <summary>One transition of one alert (see db/dashboard/0010_alerts.sql for the meaning of each field).</summary>
public sealed record AlertTransition(
    string Fingerprint,
    string AlertName,
    string Severity,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset EpisodeStart,
    AlertTransitionState State,
    string Detail,
    DateTimeOffset At,
    TimeSpan? Duration)
{
    public static string StateName(AlertTransitionState state) => state switch
    {
        AlertTransitionState.Pending => "pending",
        AlertTransitionState.Firing => "firing",
        AlertTransitionState.Resolved => "resolved",
        AlertTransitionState.Silenced => "silenced",
        AlertTransitionState.Unsilenced => "unsilenced",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static AlertTransitionState ParseState(string state) => state switch
    {
        "pending" => AlertTransitionState.Pending,
        "firing" => AlertTransitionState.Firing,
        "resolved" => AlertTransitionState.Resolved,
        "silenced" => AlertTransitionState.Silenced,
        "unsilenced" => AlertTransitionState.Unsilenced,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown alert transition state."),
    };
}

/// <summary>The dashboard's identity of an alert: its label set, hashed (order of labels does not matter).</summary>
public static class AlertFingerprint
{
    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var text = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Lengths first: no label value can make two different sets read the same.
            text.Append(name.Length).Append(':').Append(name).Append('=').Append(value.Length).Append(':').Append(value).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }
}
