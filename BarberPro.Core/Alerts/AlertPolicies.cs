namespace BarberPro.Core.Alerts;

/// <summary>Authorization policies of the alert inbox (registered by the dashboard's AddAlerts).</summary>
public static class AlertPolicies
{
    /// <summary>Creating, extending and expiring silences and maintenance windows: Operators and above.</summary>
    public const string Silence = "barberpro.silence";
}

/// <summary>Kinds of the audit rows (dashboard.security_audit) the alert inbox writes, with the author as actor.</summary>
public static class AlertAuditKinds
{
    public const string SilenceCreated = "silence-created";
    public const string SilenceExtended = "silence-extended";
    public const string SilenceExpired = "silence-expired";
    public const string WindowPlanned = "maintenance-window-planned";
}
