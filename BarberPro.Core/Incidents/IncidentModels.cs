namespace BarberPro.Core.Incidents;

/// <summary>Whether an incident is still being worked on.</summary>
public enum IncidentStatus
{
    Open,
    Resolved,
}

/// <summary>One incident as the list and the incident page show it (see db/dashboard/0012_incidents.sql).</summary>
public sealed record Incident(
    long Id,
    string Title,
    string Severity,
    string LeadUserId,
    string LeadName,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    IncidentStatus Status,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? Summary,
    string? PostMortemUrl)
{
    /// <summary>From the opening to the (last) resolution; null while open.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt is { } at ? at - OpenedAt : null;
}

/// <summary>An alert linked to an incident: its transitions from <see cref="Since"/> on are recorded in the timeline.</summary>
public sealed record IncidentAlert(string Fingerprint, string AlertName, DateTimeOffset Since);

/// <summary>One row of an incident's timeline. <see cref="Author"/> is null for what the dashboard recorded by itself.</summary>
public sealed record TimelineEntry(long Id, DateTimeOffset At, string Kind, string? Author, string Body);

/// <summary>An incident with its linked alerts and its timeline (oldest first).</summary>
public sealed record IncidentDetail(Incident Incident, IReadOnlyList<IncidentAlert> Alerts, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>A user who may lead an incident (any enabled dashboard user).</summary>
public sealed record IncidentLead(string UserId, string DisplayName);

/// <summary>
/// The figures the overview and the checklist evidence show, refreshed by <see cref="IncidentRecorder"/> and after each
/// write: open incidents, resolved ones without a post-mortem link, and the mean time to resolve over
/// <see cref="IncidentSummary.MttrWindow"/> (null when no incident was resolved in it).
/// <see cref="OpenLinks"/> says which alerts an open incident is linked to (compared by content, so an unchanged list
/// does not count as a change).
/// </summary>
public sealed record IncidentSummary(DateTimeOffset AsOf, int Open, int PostMortemsDue, int ResolvedInWindow, TimeSpan? MeanTimeToResolve)
{
    public static readonly TimeSpan MttrWindow = TimeSpan.FromDays(30);

    /// <summary>Each alert (by fingerprint) linked to an open incident, with that incident (the newest when several).</summary>
    public IReadOnlyList<OpenIncidentLink> OpenLinks { get; init; } = [];

    /// <summary>The open incident linked to the alert with <paramref name="fingerprint"/>, or null.</summary>
    public long? OpenIncidentOf(string fingerprint) =>
        OpenLinks.FirstOrDefault(l => string.Equals(l.Fingerprint, fingerprint, StringComparison.Ordinal))?.IncidentId;

    public bool Equals(IncidentSummary? other) =>
        other is not null && AsOf == other.AsOf && Open == other.Open && PostMortemsDue == other.PostMortemsDue
        && ResolvedInWindow == other.ResolvedInWindow && MeanTimeToResolve == other.MeanTimeToResolve
        && OpenLinks.SequenceEqual(other.OpenLinks);

    public override int GetHashCode() => HashCode.Combine(AsOf, Open, PostMortemsDue, ResolvedInWindow, MeanTimeToResolve, OpenLinks.Count);
}

/// <summary>An alert linked to an open incident.</summary>
public sealed record OpenIncidentLink(string Fingerprint, long IncidentId);

/// <summary>
/// The incidents of a window (see <see cref="IncidentStore.GetPeriodAsync"/>): those opened or resolved in it, how many
/// were opened and resolved, and the mean time to resolve of those resolved in it (null when none was).
/// </summary>
public sealed record IncidentPeriod(IReadOnlyList<Incident> Incidents, int Opened, int Resolved, TimeSpan? MeanTimeToResolve);

/// <summary>Kinds of timeline rows (the <c>kind</c> column).</summary>
public static class TimelineKinds
{
    public const string Opened = "opened";
    public const string Note = "note";
    public const string AlertFiring = "alert-firing";
    public const string AlertResolved = "alert-resolved";
    public const string AlertSilenced = "alert-silenced";
    public const string AlertUnsilenced = "alert-unsilenced";
    public const string Scale = "scale";
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";
}

/// <summary>Severities an incident may have (the alert rules' severities, and info).</summary>
public static class IncidentSeverities
{
    public const string Critical = "critical";
    public const string Warning = "warning";
    public const string Info = "info";

    public static IReadOnlyList<string> All { get; } = [Critical, Warning, Info];
}

/// <summary>Authorization policy of incident writes (registered by the dashboard's AddIncidents).</summary>
public static class IncidentPolicies
{
    /// <summary>Opening, noting, resolving and reopening incidents: Operators and above. Reading: Viewers (Policies.View).</summary>
    public const string Write = "barberpro.incident-write";
}

/// <summary>Kinds of the audit rows (dashboard.security_audit) incident actions write, with the author as actor and the incident id as subject.</summary>
public static class IncidentAuditKinds
{
    public const string Opened = "incident-opened";
    public const string Noted = "incident-noted";
    public const string Resolved = "incident-resolved";
    public const string Reopened = "incident-reopened";
}

/// <summary>
/// The PostgreSQL NOTIFY channel of incident changes: every write to an incident or its timeline notifies it inside its
/// transaction, with the writing process's <see cref="IncidentStore.Origin"/> as payload, so every other dashboard
/// instance reads its incident pages and figures again.
/// </summary>
public static class IncidentEvents
{
    public const string Channel = "incident_events";
}

/// <summary>An incident was to be opened from an alert that already has an open one (<see cref="Id"/>).</summary>
public sealed class IncidentAlreadyOpenException(long id) : Exception($"Incident #{id} is already open for this alert.")
{
    public long Id { get; } = id;
}
