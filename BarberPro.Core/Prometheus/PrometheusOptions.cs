namespace BarberPro.Core.Prometheus;

/// <summary>
/// Settings of the Prometheus HTTP API client, bound from the <c>Prometheus</c> section and
/// validated at start-up by <see cref="ValidatePrometheusOptions"/>.
/// </summary>
public sealed class PrometheusOptions
{
    public const string SectionName = "Prometheus";

    /// <summary>
    /// Absolute http/https URL of Prometheus (or anything speaking its HTTP API). A path prefix is
    /// kept, so <c>http://mimir/prometheus</c> works.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Time allowed for one attempt, including reading the whole body. Also sent to Prometheus as the query timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest response body read, enforced while streaming.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Retries after the first attempt, for transient failures only (0 turns retries off).</summary>
    public int RetryCount { get; set; } = 2;

    /// <summary>Base of the exponential back-off between retries (jittered).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Share of failed attempts within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed within the sampling duration before the failure ratio is considered.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 6;

    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial request is let through.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The validated <see cref="BaseUrl"/> with a trailing slash, so relative API paths keep any prefix.</summary>
    public Uri GetBaseUri()
    {
        if (!ValidatePrometheusOptions.TryParseBaseUrl(BaseUrl, out var uri))
        {
            throw new InvalidOperationException($"{SectionName}:BaseUrl is not a valid absolute http or https URL.");
        }

        return uri;
    }
}
