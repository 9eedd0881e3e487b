using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Prometheus;

/// <summary>Reports every problem of <see cref="PrometheusOptions"/> at once, naming each setting.</summary>
public sealed class ValidatePrometheusOptions(string sectionPath = PrometheusOptions.SectionName) : IValidateOptions<PrometheusOptions>
{
    internal const long MinResponseBytes = 1024;
    internal const long MaxResponseBytesLimit = 1024L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, PrometheusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (string.IsNullOrWhiteSpace(options.BaseUrl))
        {
            errors.Add($"{sectionPath}:BaseUrl is required: the absolute http or https URL of Prometheus, e.g. http://prometheus:9090.");
        }
        else if (!TryParseBaseUrl(options.BaseUrl, out _))
        {
            errors.Add($"{sectionPath}:BaseUrl must be an absolute http or https URL without query or fragment, e.g. http://prometheus:9090 (was '{options.BaseUrl}').");
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(100) || options.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{sectionPath}:Timeout must be between 00:00:00.1 and 00:05:00 (was {options.Timeout}).");
        }

        if (options.MaxResponseBytes < MinResponseBytes || options.MaxResponseBytes > MaxResponseBytesLimit)
        {
            errors.Add($"{sectionPath}:MaxResponseBytes must be between {MinResponseBytes} and {MaxResponseBytesLimit} (was {options.MaxResponseBytes}).");
        }

        if (options.RetryCount is < 0 or > 10)
        {
            errors.Add($"{sectionPath}:RetryCount must be between 0 and 10 (was {options.RetryCount}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{sectionPath}:RetryBaseDelay must be between 00:00:00 and 00:00:30 (was {options.RetryBaseDelay}).");
        }

        if (!(options.CircuitBreakerFailureRatio > 0 && options.CircuitBreakerFailureRatio <= 1))
        {
            errors.Add($"{sectionPath}:CircuitBreakerFailureRatio must be greater than 0 and at most 1 (was {options.CircuitBreakerFailureRatio}).");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            errors.Add($"{sectionPath}:CircuitBreakerMinimumThroughput must be at least 2 (was {options.CircuitBreakerMinimumThroughput}).");
        }

        if (options.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || options.CircuitBreakerSamplingDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{sectionPath}:CircuitBreakerSamplingDuration must be between 00:00:00.5 and 1.00:00:00 (was {options.CircuitBreakerSamplingDuration}).");
        }

        if (options.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500) || options.CircuitBreakerBreakDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{sectionPath}:CircuitBreakerBreakDuration must be between 00:00:00.5 and 1.00:00:00 (was {options.CircuitBreakerBreakDuration}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool TryParseBaseUrl(string? value, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host)
            || !string.IsNullOrEmpty(parsed.Query)
            || !string.IsNullOrEmpty(parsed.Fragment))
        {
            return false;
        }

        var text = parsed.GetLeftPart(UriPartial.Path);
        uri = new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
        return true;
    }
}
