namespace BarberPro.Core.Alerts;

/// <summary>Alertmanager's view of an alert (<c>GET /api/v2/alerts</c>): <c>active</c>, <c>suppressed</c> (silenced or inhibited) or <c>unprocessed</c>.</summary>
public enum AlertmanagerAlertState
{
    Unprocessed,
    Active,
    Suppressed,
}

/// <summary>One alert as Alertmanager holds it. Labels and annotations are copied; the record is immutable.</summary>
public sealed record AlertmanagerAlert(
    string Fingerprint,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    AlertmanagerAlertState State,
    IReadOnlyList<string> SilencedBy,
    IReadOnlyList<string> InhibitedBy,
    string? GeneratorUrl)
{
    public string AlertName => Labels.TryGetValue("alertname", out var name) ? name : "";

    public bool IsSilenced => SilencedBy.Count > 0;
}

/// <summary>State of a silence: <c>pending</c> (starts later), <c>active</c>, <c>expired</c>.</summary>
public enum SilenceState
{
    Pending,
    Active,
    Expired,
}

/// <summary>A silence as Alertmanager lists it (<c>GET /api/v2/silences</c>).</summary>
public sealed record Silence(
    string Id,
    IReadOnlyList<SilenceMatcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    string Comment,
    SilenceState State);

/// <summary>
/// What a silence is created (or, with <see cref="Id"/>, replaced) with: <c>POST /api/v2/silences</c>. Alertmanager
/// keeps the same id when only the end time or comment changes, which is how a window is extended.
/// </summary>
public sealed record SilenceRequest(
    IReadOnlyList<SilenceMatcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string CreatedBy,
    string Comment,
    string? Id = null);
