using System.Diagnostics.CodeAnalysis;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Alerts;

/// <summary>Reports every problem of <see cref="AlertmanagerOptions"/> at once, naming each setting.</summary>
public sealed class ValidateAlertmanagerOptions(string sectionPath = AlertmanagerOptions.SectionName) : IValidateOptions<AlertmanagerOptions>
{
    internal const long MinResponseBytes = 1024;
    internal const long MaxResponseBytesLimit = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, AlertmanagerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (options.IsConfigured && !TryParseBaseUrl(options.BaseUrl, out _))
        {
            errors.Add($"{sectionPath}:BaseUrl must be an absolute http or https URL without query or fragment, e.g. http://alertmanager:9093 (was '{options.BaseUrl}'); leave it empty to run without Alertmanager.");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(100) || options.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{sectionPath}:Timeout must be between 00:00:00.1 and 00:05:00 (was {options.Timeout}).");
        }

        if (options.MaxResponseBytes < MinResponseBytes || options.MaxResponseBytes > MaxResponseBytesLimit)
        {
            errors.Add($"{sectionPath}:MaxResponseBytes must be between {MinResponseBytes} and {MaxResponseBytesLimit} (was {options.MaxResponseBytes}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The same rule as Prometheus's base URL: absolute http(s), a host, no query or fragment, ending in '/'.</summary>
    internal static bool TryParseBaseUrl(string? value, [NotNullWhen(true)] out Uri? uri) =>
        ValidatePrometheusOptions.TryParseBaseUrl(value, out uri);
}
