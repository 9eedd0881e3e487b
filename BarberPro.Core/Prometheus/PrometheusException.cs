using System.Net;
using BarberPro.Core.Text;

namespace BarberPro.Core.Prometheus;

/// <summary>Why a call to Prometheus produced no data.</summary>
public enum PrometheusErrorKind
{
    /// <summary>Prometheus rejected the query or its parameters (HTTP 400, <c>bad_data</c>). Not retried.</summary>
    BadData,

    /// <summary>The query could not be executed (HTTP 422, <c>execution</c>). Not retried.</summary>
    Execution,

    /// <summary>The attempt ran out of time: the client's per-request timeout, or Prometheus's <c>timeout</c> error.</summary>
    Timeout,

    /// <summary>Prometheus answered 503 (<c>unavailable</c>, <c>canceled</c>), e.g. while starting or overloaded.</summary>
    Unavailable,

    /// <summary>Prometheus or a proxy in front of it answered 500 or another 5xx.</summary>
    ServerError,

    /// <summary>404: the base URL does not point at a Prometheus HTTP API.</summary>
    NotFound,

    /// <summary>Any other non-success HTTP status (401, 403, 429, ...). Not retried.</summary>
    HttpError,

    /// <summary>No HTTP answer: DNS, refused or reset connection, TLS failure, body cut off.</summary>
    Unreachable,

    /// <summary>The answer was not the JSON the Prometheus API documents (HTML page, truncated JSON, unknown shape).</summary>
    Malformed,

    /// <summary>The body was larger than <see cref="PrometheusOptions.MaxResponseBytes"/>.</summary>
    ResponseTooLarge,

    /// <summary>The circuit breaker is open after repeated failures; no request was sent.</summary>
    CircuitOpen,
}

/// <summary>
/// The one exception the Prometheus client throws (besides <see cref="OperationCanceledException"/> when the
/// caller's token is cancelled). A successful call that matches no series returns an empty result instead.
/// </summary>
public sealed class PrometheusException : Exception
{
    public PrometheusException()
        : this(PrometheusErrorKind.Malformed, "Prometheus call failed.")
    {
    }

    public PrometheusException(string message)
        : this(PrometheusErrorKind.Malformed, message)
    {
    }

    public PrometheusException(string message, Exception innerException)
        : this(PrometheusErrorKind.Malformed, message, innerException: innerException)
    {
    }

    public PrometheusException(
        PrometheusErrorKind kind,
        string message,
        HttpStatusCode? statusCode = null,
        string? errorType = null,
        string? prometheusError = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorType = errorType;
        PrometheusError = prometheusError;
    }

    public PrometheusErrorKind Kind { get; }

    /// <summary>
    /// The message as a phrase a page says in its reader's language (the outages people see on every tile: timeout,
    /// unreachable, circuit open); null for the rest, which are shown as Prometheus or the client wrote them.
    /// </summary>
    public Phrase? Words { get; init; }

    /// <summary>HTTP status of the answer, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Prometheus's own <c>errorType</c> (<c>bad_data</c>, <c>execution</c>, <c>timeout</c>, ...), when it sent one.</summary>
    public string? ErrorType { get; }

    /// <summary>Prometheus's own <c>error</c> message, when it sent one.</summary>
    public string? PrometheusError { get; }

    /// <summary>True for failures worth retrying: timeouts, 503, other 5xx, connection errors.</summary>
    public bool IsTransient => IsTransientKind(Kind);

    /// <summary>True when Prometheus is fine but the query is wrong (a configuration problem, not an outage).</summary>
    public bool IsQueryError => Kind is PrometheusErrorKind.BadData or PrometheusErrorKind.Execution;

    internal static bool IsTransientKind(PrometheusErrorKind kind) => kind is
        PrometheusErrorKind.Timeout or
        PrometheusErrorKind.Unavailable or
        PrometheusErrorKind.ServerError or
        PrometheusErrorKind.Unreachable;
}
