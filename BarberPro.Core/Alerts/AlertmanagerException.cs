using System.Net;

namespace BarberPro.Core.Alerts;

/// <summary>Why a call to Alertmanager did not succeed.</summary>
public enum AlertmanagerErrorKind
{
    /// <summary><c>Alertmanager:BaseUrl</c> is empty: no call was made.</summary>
    NotConfigured,

    /// <summary>No HTTP answer: DNS, refused or reset connection, TLS failure, body cut off.</summary>
    Unreachable,

    /// <summary>No complete answer within <see cref="AlertmanagerOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>Alertmanager refused the request (400: e.g. a silence whose end is before its start); the message says why.</summary>
    Rejected,

    /// <summary>404: no such silence, or the base URL does not point at an Alertmanager API v2.</summary>
    NotFound,

    /// <summary>Any other non-success HTTP status (401, 403, 500, 503...).</summary>
    HttpError,

    /// <summary>The answer was not the JSON the API v2 documents (HTML page, truncated JSON, a required field missing).</summary>
    Malformed,

    /// <summary>The body was larger than <see cref="AlertmanagerOptions.MaxResponseBytes"/>.</summary>
    ResponseTooLarge,
}

/// <summary>A call to Alertmanager failed; <see cref="Exception.Message"/> is written for the person using the dashboard.</summary>
public sealed class AlertmanagerException : Exception
{
    public AlertmanagerException(AlertmanagerErrorKind kind, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    public AlertmanagerException()
        : this(AlertmanagerErrorKind.HttpError, "Alertmanager call failed.")
    {
    }

    public AlertmanagerException(string message)
        : this(AlertmanagerErrorKind.HttpError, message)
    {
    }

    public AlertmanagerException(string message, Exception innerException)
        : this(AlertmanagerErrorKind.HttpError, message, null, innerException)
    {
    }

    public AlertmanagerErrorKind Kind { get; }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when Alertmanager could not be reached or did not answer in time (the inbox says "Alertmanager is down").</summary>
    public bool IsUnavailable => Kind is AlertmanagerErrorKind.Unreachable or AlertmanagerErrorKind.Timeout
        || (Kind == AlertmanagerErrorKind.HttpError && (int?)StatusCode >= 500);
}
