using Microsoft.Extensions.Options;

namespace BarberPro.Core.Alerts;

/// <summary>The alert inbox and its reader, bound from the <c>Alerts</c> section and validated at start-up.</summary>
public sealed class AlertsOptions
{
    public const string SectionName = "Alerts";

    /// <summary>How often each dashboard instance reads Alertmanager and Prometheus' pending alerts (default 5 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where a rule's relative <c>runbook_url</c> (<c>docs/runbooks/HighErrorRate.md</c>) is resolved, e.g. the repository's
    /// web address <c>https://git.example/barberpro/ops/blob/main/</c>. Empty: the inbox shows the path as text.
    /// </summary>
    public string? RunbookBaseUrl { get; set; }

    /// <summary>How far back the inbox lists resolved alerts (default 24 h).</summary>
    public TimeSpan ResolvedWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The link of a runbook annotation: absolute http(s) URLs as they are, relative ones under <see cref="RunbookBaseUrl"/>, else null.</summary>
    public Uri? RunbookLink(string? runbookUrl)
    {
        if (string.IsNullOrWhiteSpace(runbookUrl))
        {
            return null;
        }

        if (Uri.TryCreate(runbookUrl, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute : null;
        }

        if (string.IsNullOrWhiteSpace(RunbookBaseUrl) || !Uri.TryCreate(RunbookBaseUrl, UriKind.Absolute, out var baseUri))
        {
            return null;
        }

        var root = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        return Uri.TryCreate(root, runbookUrl.TrimStart('/'), out var link) ? link : null;
    }
}

public sealed class ValidateAlertsOptions : IValidateOptions<AlertsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.PollInterval < TimeSpan.FromMilliseconds(200) || options.PollInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Alerts:PollInterval must be between 00:00:00.2 and 00:05:00 (was {options.PollInterval}).");
        }

        if (!string.IsNullOrWhiteSpace(options.RunbookBaseUrl)
            && (!Uri.TryCreate(options.RunbookBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"Alerts:RunbookBaseUrl must be an absolute http or https URL (was '{options.RunbookBaseUrl}').");
        }

        if (options.ResolvedWindow < TimeSpan.FromMinutes(1) || options.ResolvedWindow > TimeSpan.FromDays(30))
        {
            errors.Add($"Alerts:ResolvedWindow must be between 00:01:00 and 30.00:00:00 (was {options.ResolvedWindow}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
