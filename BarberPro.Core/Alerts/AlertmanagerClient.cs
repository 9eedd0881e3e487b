using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BarberPro.Core.Alerts;

/// <summary>
/// Typed client of the Alertmanager API v2 (<c>/api/v2/alerts</c>, <c>/api/v2/silences</c>, <c>/api/v2/silence/{id}</c>).
/// Every method returns validated data or throws <see cref="AlertmanagerException"/> (not configured, unreachable,
/// refused, malformed); <see cref="OperationCanceledException"/> only when the caller's token is cancelled.
/// </summary>
public sealed class AlertmanagerClient
{
    private const int ErrorBodyLimit = 2048;
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly AlertmanagerOptions _options;
    private readonly ILogger<AlertmanagerClient> _logger;

    public AlertmanagerClient(HttpClient httpClient, IOptions<AlertmanagerOptions> options, ILogger<AlertmanagerClient> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _options = options.Value;
        _logger = logger;
        if (_options.IsConfigured)
        {
            _httpClient.BaseAddress ??= _options.GetBaseUri();
        }
    }

    /// <summary>True when <c>Alertmanager:BaseUrl</c> is set; otherwise every call throws <see cref="AlertmanagerErrorKind.NotConfigured"/>.</summary>
    public bool IsConfigured => _options.IsConfigured;

    /// <summary>The configured base URL (for links and messages), or null.</summary>
    public Uri? BaseUri => _options.IsConfigured ? _httpClient.BaseAddress : null;

    /// <summary>Every alert Alertmanager holds (active, silenced and inhibited ones alike).</summary>
    public async Task<IReadOnlyList<AlertmanagerAlert>> GetAlertsAsync(CancellationToken cancellationToken = default)
    {
        var body = await SendAsync("alerts", HttpMethod.Get, "api/v2/alerts", null, cancellationToken).ConfigureAwait(false);
        return AlertmanagerParser.ParseAlerts(body);
    }

    /// <summary>Every silence Alertmanager still keeps (pending, active and recently expired).</summary>
    public async Task<IReadOnlyList<Silence>> GetSilencesAsync(CancellationToken cancellationToken = default)
    {
        var body = await SendAsync("silences", HttpMethod.Get, "api/v2/silences", null, cancellationToken).ConfigureAwait(false);
        return AlertmanagerParser.ParseSilences(body);
    }

    /// <summary>
    /// Creates a silence, or replaces the one with <see cref="SilenceRequest.Id"/> (same id when only times and comment
    /// change: an extension). Returns the id Alertmanager answers.
    /// </summary>
    public async Task<string> SaveSilenceAsync(SilenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Matchers.Count == 0)
        {
            throw new ArgumentException("A silence needs at least one matcher.", nameof(request));
        }

        if (request.EndsAt <= request.StartsAt)
        {
            throw new ArgumentException("A silence must end after it starts.", nameof(request));
        }

        var content = new ByteArrayContent(Serialize(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var body = await SendAsync("silence-save", HttpMethod.Post, "api/v2/silences", content, cancellationToken).ConfigureAwait(false);
        var id = AlertmanagerParser.ParseSilenceId(body);
        AlertmanagerLog.SilenceSaved(_logger, id, request.CreatedBy, string.Join(", ", request.Matchers), request.StartsAt, request.EndsAt);
        return id;
    }

    /// <summary>Expires a silence now (<c>DELETE /api/v2/silence/{id}</c>).</summary>
    public async Task ExpireSilenceAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await SendAsync("silence-expire", HttpMethod.Delete, "api/v2/silence/" + Uri.EscapeDataString(id), null, cancellationToken).ConfigureAwait(false);
        AlertmanagerLog.SilenceExpired(_logger, id);
    }

    /// <summary>The JSON body of <c>POST /api/v2/silences</c>: matchers as JSON strings, times in UTC RFC 3339.</summary>
    internal static byte[] Serialize(SilenceRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (request.Id is { Length: > 0 } id)
            {
                json.WriteString("id", id);
            }

            json.WriteStartArray("matchers");
            foreach (var m in request.Matchers)
            {
                json.WriteStartObject();
                json.WriteString("name", m.Name);
                json.WriteString("value", m.Value);
                json.WriteBoolean("isRegex", m.IsRegex);
                json.WriteBoolean("isEqual", m.IsEqual);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("startsAt", request.StartsAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("endsAt", request.EndsAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("createdBy", request.CreatedBy);
            json.WriteString("comment", request.Comment);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task<byte[]> SendAsync(string operation, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
        {
            throw new AlertmanagerException(AlertmanagerErrorKind.NotConfigured, "No Alertmanager is configured (Alertmanager:BaseUrl).");
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Accept.Add(s_acceptJson);
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                throw TooLarge();
            }

            var body = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw StatusError(response.StatusCode, body);
            }

            AlertmanagerLog.CallSucceeded(_logger, operation, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return body;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw Logged(operation, started, new AlertmanagerException(
                AlertmanagerErrorKind.Timeout,
                $"Alertmanager did not answer within {_options.Timeout.TotalSeconds:0.#} s.",
                innerException: ex));
        }
        catch (HttpRequestException ex)
        {
            throw Logged(operation, started, new AlertmanagerException(
                AlertmanagerErrorKind.Unreachable,
                $"Alertmanager cannot be reached at {_httpClient.BaseAddress} ({ex.HttpRequestError}: {ex.Message}).",
                innerException: ex));
        }
        catch (IOException ex)
        {
            throw Logged(operation, started, new AlertmanagerException(
                AlertmanagerErrorKind.Unreachable,
                $"Alertmanager's answer was cut off ({ex.Message}).",
                innerException: ex));
        }
        catch (AlertmanagerException ex)
        {
            throw Logged(operation, started, ex);
        }
    }

    private AlertmanagerException Logged(string operation, long started, AlertmanagerException ex)
    {
        AlertmanagerLog.CallFailed(_logger, operation, ex.Kind, (int?)ex.StatusCode, ex.Message, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return ex;
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private AlertmanagerException TooLarge() => new(
        AlertmanagerErrorKind.ResponseTooLarge,
        $"Alertmanager answered with more than {_options.MaxResponseBytes} bytes (Alertmanager:MaxResponseBytes).");

    private static AlertmanagerException StatusError(HttpStatusCode status, byte[] body)
    {
        // Alertmanager's errors are a JSON string ("silence invalid: ...") or plain text.
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, ErrorBodyLimit)).Trim();
        if (text.Length > 1 && text[0] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text, AlertmanagerJsonContext.Default.String) ?? text;
            }
            catch (JsonException)
            {
                // Keep the raw text.
            }
        }

        text = text.Trim();
        var kind = status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => AlertmanagerErrorKind.Rejected,
            HttpStatusCode.NotFound => AlertmanagerErrorKind.NotFound,
            _ => AlertmanagerErrorKind.HttpError,
        };
        var message = kind switch
        {
            AlertmanagerErrorKind.Rejected => $"Alertmanager refused it: {text}",
            AlertmanagerErrorKind.NotFound => $"Alertmanager answered 404 Not Found{(text.Length > 0 ? ": " + text : "")}",
            _ => $"Alertmanager answered HTTP {(int)status}{(text.Length > 0 ? ": " + text : "")}",
        };
        return new AlertmanagerException(kind, message, status);
    }
}
