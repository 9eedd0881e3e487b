namespace BarberPro.Core.Alerts;

/// <summary>
/// Settings of the Alertmanager API v2 client, bound from the <c>Alertmanager</c> section and validated at start-up by
/// <see cref="ValidateAlertmanagerOptions"/>. Without <see cref="BaseUrl"/> the dashboard runs without alerts from
/// Alertmanager: the inbox says none is configured, nothing else changes.
/// </summary>
public sealed class AlertmanagerOptions
{
    public const string SectionName = "Alertmanager";

    /// <summary>
    /// Absolute http/https URL of Alertmanager (or anything speaking its API v2), e.g. <c>http://alertmanager:9093</c>.
    /// A path prefix is kept (<c>http://mimir/alertmanager</c>). Empty: not configured.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Time allowed for one call, including reading the whole body.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest response body read.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>True when <see cref="BaseUrl"/> is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>The validated <see cref="BaseUrl"/> with a trailing slash, so relative API paths keep any prefix.</summary>
    public Uri GetBaseUri()
    {
        if (!ValidateAlertmanagerOptions.TryParseBaseUrl(BaseUrl, out var uri))
        {
            throw new InvalidOperationException($"{SectionName}:BaseUrl is not a valid absolute http or https URL.");
        }

        return uri;
    }
}
