using Microsoft.Extensions.Logging;

namespace BarberPro.Core.Prometheus;

internal static partial class PrometheusLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Prometheus {Operation} answered {ResultType} with {SeriesCount} series in {ElapsedMs} ms")]
    public static partial void QuerySucceeded(ILogger logger, string operation, string resultType, int seriesCount, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Prometheus {Operation} returned warnings {Warnings} for query {Query}")]
    public static partial void QueryWarnings(ILogger logger, string operation, string warnings, string query);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Prometheus {Operation} failed after {ElapsedMs} ms: {Kind} (HTTP {StatusCode}, errorType {ErrorType}): {Error}. Query: {Query}")]
    public static partial void QueryFailed(ILogger logger, string operation, PrometheusErrorKind kind, int? statusCode, string? errorType, string error, string query, long elapsedMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Retrying Prometheus call (retry {Attempt}) in {DelayMs} ms after {Reason}")]
    public static partial void Retrying(ILogger logger, int attempt, double delayMs, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Prometheus circuit opened for {BreakSeconds} s after repeated failures; last: {Reason}")]
    public static partial void CircuitOpened(ILogger logger, double breakSeconds, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Prometheus circuit half-open: sending one trial request")]
    public static partial void CircuitHalfOpened(ILogger logger);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Prometheus circuit closed: Prometheus answers again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Debug, Message = "Prometheus {Operation} not sent: circuit open. Query: {Query}")]
    public static partial void CallSuppressed(ILogger logger, string operation, string query);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Prometheus readiness check at {Url} failed: {Detail}")]
    public static partial void NotReady(ILogger logger, Uri url, string detail);
}
