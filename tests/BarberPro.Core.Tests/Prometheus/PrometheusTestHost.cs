using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Tests.Prometheus;

/// <summary>A <see cref="PrometheusClient"/> wired to a <see cref="FakePrometheusHandler"/> and a manual clock.</summary>
internal sealed class PrometheusTestHost : IDisposable
{
    public const string BaseUrl = "http://prometheus.test:9090/";

    private readonly HttpClient _httpClient;

    public PrometheusTestHost(Action<PrometheusOptions>? configure = null)
    {
        Options = new PrometheusOptions
        {
            BaseUrl = BaseUrl,
            RetryCount = 2,
            RetryBaseDelay = TimeSpan.Zero,
            Timeout = TimeSpan.FromSeconds(5),

            // High enough that only the breaker tests, which lower it, ever open the circuit.
            CircuitBreakerMinimumThroughput = 1000,
        };
        configure?.Invoke(Options);
        var validation = new ValidatePrometheusOptions().Validate(null, Options);
        if (validation.Failed)
        {
            throw new InvalidOperationException(validation.FailureMessage);
        }

        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Resilience = new PrometheusResilience(options, Time, ResilienceLogger);
        _httpClient = new HttpClient(Handler) { BaseAddress = Options.GetBaseUri() };
        Client = new PrometheusClient(_httpClient, Resilience, options, Logger, Time, new PrometheusQueryMetrics(global::Prometheus.Metrics.WithCustomRegistry(Registry)));
    }

    public PrometheusOptions Options { get; }

    public FakePrometheusHandler Handler { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public TestLogger<PrometheusClient> Logger { get; } = new();

    public TestLogger<PrometheusResilience> ResilienceLogger { get; } = new();

    public PrometheusResilience Resilience { get; }

    /// <summary>The registry the client counts its failed calls in, as the app's /metrics would show them.</summary>
    public global::Prometheus.CollectorRegistry Registry { get; } = global::Prometheus.Metrics.NewCustomRegistry();

    public PrometheusClient Client { get; }

    public void Dispose() => _httpClient.Dispose();
}
