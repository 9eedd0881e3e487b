using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace BarberPro.Core.Prometheus;

/// <summary>
/// The resilience pipelines of the Prometheus client, built once from validated options. Registered as a
/// singleton because the circuit breaker's state must be shared by every (transient) typed-client instance.
/// </summary>
public sealed class PrometheusResilience
{
    private readonly CircuitBreakerStateProvider _circuitState = new();

    public PrometheusResilience(IOptions<PrometheusOptions> options, TimeProvider timeProvider, ILogger<PrometheusResilience> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;

        // Retry (outermost) -> circuit breaker -> per-attempt timeout (innermost), so every attempt is timed
        // and counted by the breaker, and an open circuit is never retried.
        var transient = new PredicateBuilder()
            .Handle<PrometheusException>(static e => e.IsTransient)
            .Handle<TimeoutRejectedException>();

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "prometheus" };
        if (settings.RetryCount > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.RetryCount,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    PrometheusLog.Retrying(logger, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, Describe(args.Outcome.Exception));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = transient,
            FailureRatio = settings.CircuitBreakerFailureRatio,
            MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
            SamplingDuration = settings.CircuitBreakerSamplingDuration,
            BreakDuration = settings.CircuitBreakerBreakDuration,
            StateProvider = _circuitState,
            OnOpened = args =>
            {
                PrometheusLog.CircuitOpened(logger, args.BreakDuration.TotalSeconds, Describe(args.Outcome.Exception));
                return default;
            },
            OnHalfOpened = _ =>
            {
                PrometheusLog.CircuitHalfOpened(logger);
                return default;
            },
            OnClosed = _ =>
            {
                PrometheusLog.CircuitClosed(logger);
                return default;
            },
        });

        builder.AddTimeout(settings.Timeout);
        Queries = builder.Build();

        // Reachability checks must reflect the server right now: timed, but neither retried nor blocked by the breaker.
        Probe = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "prometheus-probe" }
            .AddTimeout(settings.Timeout)
            .Build();
    }

    /// <summary>State of the circuit breaker (Closed, Open, HalfOpen, Isolated) for status displays.</summary>
    public CircuitState CircuitState => _circuitState.CircuitState;

    internal ResiliencePipeline Queries { get; }

    internal ResiliencePipeline Probe { get; }

    private static string Describe(Exception? exception) => exception switch
    {
        PrometheusException p => $"{p.Kind}: {p.Message}",
        TimeoutRejectedException => "timeout",
        null => "no exception",
        _ => exception.GetType().Name,
    };
}
