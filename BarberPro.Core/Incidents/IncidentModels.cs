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
/// </summary>
public sealed record IncidentSummary(DateTimeOffset AsOf, int Open, int PostMortemsDue, int ResolvedInWindow, TimeSpan? MeanTimeToResolve)
{
    public static readonly TimeSpan MttrWindow = TimeSpan.FromDays(30);
}

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
