using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using BarberPro.Core.Text;

namespace BarberPro.Core.Prometheus;

/// <summary>
/// Typed client of the Prometheus HTTP API (also Thanos, Mimir, VictoriaMetrics). Every method either returns
/// a result (possibly empty: no series matched) or throws <see cref="PrometheusException"/> (Prometheus
/// unreachable, broken, or the query is wrong); <see cref="OperationCanceledException"/> only when the caller's
/// token is cancelled.
/// </summary>
public sealed class PrometheusClient
{
    // Prometheus refuses range queries above 11,000 points per series; fail fast with a clear message instead.
    internal const int MaxPointsPerSeries = 11_000;
    private const int ErrorBodyLimit = 64 * 1024;
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly PrometheusResilience _resilience;
    private readonly PrometheusOptions _options;
    private readonly ILogger<PrometheusClient> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly PrometheusQueryMetrics _metrics;

    public PrometheusClient(
        HttpClient httpClient,
        PrometheusResilience resilience,
        IOptions<PrometheusOptions> options,
        ILogger<PrometheusClient> logger,
        TimeProvider timeProvider,
        PrometheusQueryMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        _httpClient = httpClient;
        _resilience = resilience;
        _options = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _httpClient.BaseAddress ??= _options.GetBaseUri();
    }

    /// <summary>State of the shared circuit breaker; <c>Open</c> means calls fail at once with <see cref="PrometheusErrorKind.CircuitOpen"/>.</summary>
    public CircuitState CircuitState => _resilience.CircuitState;

    /// <summary>Instant query (<c>POST /api/v1/query</c>) evaluated at <paramref name="time"/>, or now on the server.</summary>
    public async Task<PrometheusQueryResult> QueryAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("timeout", ServerTimeout()),
        };
        if (time is { } at)
        {
            form.Add(new("time", FormatUnixSeconds(at)));
        }

        return await CallAsync(
            "query",
            query,
            HttpMethod.Post,
            "api/v1/query",
            form,
            PrometheusJsonContext.Default.PrometheusApiResponsePrometheusQueryData,
            PrometheusResponseParser.ToQueryResult,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Instant query whose answer is read as a vector, the shape of every panel query. A scalar answer becomes a
    /// one-series vector without labels; a matrix or string answer is <see cref="PrometheusErrorKind.Malformed"/>.
    /// </summary>
    public async Task<PrometheusVector> QueryVectorAsync(string query, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        var result = await QueryAsync(query, time, cancellationToken).ConfigureAwait(false);
        return result switch
        {
            PrometheusVector vector => vector,
            PrometheusScalar scalar => new PrometheusVector(
                [new PrometheusInstantSeries(new Dictionary<string, string>(), scalar.Sample)], scalar.Warnings, scalar.Infos),
            _ => throw new PrometheusException(
                PrometheusErrorKind.Malformed,
                $"Expected an instant vector but Prometheus answered a {result.ResultType.ToString().ToLowerInvariant()} for query: {query}"),
        };
    }

    /// <summary>Range query (<c>POST /api/v1/query_range</c>); Prometheus aligns nothing, so pass aligned bounds (see <see cref="RangeStep"/>).</summary>
    public async Task<PrometheusMatrix> QueryRangeAsync(
        string query,
        DateTimeOffset start,
        DateTimeOffset end,
        TimeSpan step,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        if (step < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be at least 1 ms.");
        }

        if (end < start)
        {
            throw new ArgumentException($"The range end {end:O} is before its start {start:O}.", nameof(end));
        }

        var points = ((end - start) / step) + 1;
        if (points > MaxPointsPerSeries)
        {
            throw new ArgumentException($"The range {end - start} at step {step} would ask for {points:F0} points per series; Prometheus allows {MaxPointsPerSeries}.", nameof(step));
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("start", FormatUnixSeconds(start)),
            new("end", FormatUnixSeconds(end)),
            new("step", FormatSeconds(step)),
            new("timeout", ServerTimeout()),
        };

        var result = await CallAsync(
            "query_range",
            query,
            HttpMethod.Post,
            "api/v1/query_range",
            form,
            PrometheusJsonContext.Default.PrometheusApiResponsePrometheusQueryData,
            PrometheusResponseParser.ToQueryResult,
            cancellationToken).ConfigureAwait(false);

        return result as PrometheusMatrix ?? throw new PrometheusException(
            PrometheusErrorKind.Malformed,
            $"Expected a range matrix but Prometheus answered a {result.ResultType.ToString().ToLowerInvariant()} for query: {query}");
    }

    /// <summary>Range query over a window computed by <see cref="RangeStep.Calculate"/>.</summary>
    public Task<PrometheusMatrix> QueryRangeAsync(string query, RangeWindow window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        return QueryRangeAsync(query, window.Start, window.End, window.Step, cancellationToken);
    }

    /// <summary>Firing and pending alerts (<c>GET /api/v1/alerts</c>).</summary>
    public Task<IReadOnlyList<PrometheusAlert>> GetAlertsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            "alerts",
            "GET /api/v1/alerts",
            HttpMethod.Get,
            "api/v1/alerts",
            form: null,
            PrometheusJsonContext.Default.PrometheusApiResponsePrometheusAlertsData,
            PrometheusResponseParser.ToAlerts,
            cancellationToken);

    /// <summary>
    /// The loaded rule groups (<c>GET /api/v1/rules</c>): which alerting and recording rules run, when each group was
    /// last evaluated and whether its rules failed. An empty list means nothing evaluates alerts there.
    /// </summary>
    public Task<IReadOnlyList<PrometheusRuleGroup>> GetRulesAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            "rules",
            "GET /api/v1/rules",
            HttpMethod.Get,
            "api/v1/rules",
            form: null,
            PrometheusJsonContext.Default.PrometheusApiResponsePrometheusRulesData,
            PrometheusResponseParser.ToRuleGroups,
            cancellationToken);

    /// <summary>Version of the server (<c>GET /api/v1/status/buildinfo</c>).</summary>
    public Task<PrometheusBuildInfo> GetBuildInfoAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            "buildinfo",
            "GET /api/v1/status/buildinfo",
            HttpMethod.Get,
            "api/v1/status/buildinfo",
            form: null,
            PrometheusJsonContext.Default.PrometheusApiResponsePrometheusBuildInfoData,
            PrometheusResponseParser.ToBuildInfo,
            cancellationToken);

    /// <summary>
    /// Reachability for <c>/ready</c>: <c>GET /-/ready</c>, falling back to the buildinfo endpoint when the server
    /// has no such path (Mimir, VictoriaMetrics). Never throws for an unreachable server; not retried and not
    /// blocked by the circuit breaker, so it tells the state right now.
    /// </summary>
    public async Task<PrometheusReadiness> CheckReadyAsync(CancellationToken cancellationToken = default)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            var detail = await _resilience.Probe.ExecuteAsync(
                static async (client, token) => await client.ProbeOnceAsync(token).ConfigureAwait(false),
                this,
                cancellationToken).ConfigureAwait(false);
            return new PrometheusReadiness(true, detail, _timeProvider.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is PrometheusException or TimeoutRejectedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var detail = ex switch
            {
                TimeoutRejectedException => $"no answer within {_options.Timeout.TotalSeconds:0.###} s",
                OperationCanceledException => "the request was cancelled",
                _ => ex.Message,
            };
            PrometheusLog.NotReady(_logger, _httpClient.BaseAddress!, detail);
            return new PrometheusReadiness(false, detail, _timeProvider.GetElapsedTime(started));
        }
    }

    private async ValueTask<string> ProbeOnceAsync(CancellationToken cancellationToken)
    {
        using (var ready = await SendRawAsync(HttpMethod.Get, "-/ready", cancellationToken).ConfigureAwait(false))
        {
            if (ready.IsSuccessStatusCode)
            {
                return "ready";
            }

            if (ready.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                throw new PrometheusException(
                    PrometheusResponseParser.KindFromStatus(ready.StatusCode),
                    $"/-/ready answered HTTP {(int)ready.StatusCode} ({ready.StatusCode})",
                    ready.StatusCode);
            }
        }

        var info = await SendOnceAsync(
            HttpMethod.Get,
            "api/v1/status/buildinfo",
            form: null,
            PrometheusJsonContext.Default.PrometheusApiResponsePrometheusBuildInfoData,
            cancellationToken).ConfigureAwait(false);
        return $"reachable (version {PrometheusResponseParser.ToBuildInfo(info).Version})";
    }

    private async Task<TResult> CallAsync<TData, TResult>(
        string operation,
        string query,
        HttpMethod method,
        string path,
        List<KeyValuePair<string, string>>? form,
        JsonTypeInfo<PrometheusApiResponse<TData>> typeInfo,
        Func<PrometheusApiResponse<TData>, TResult> convert,
        CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        try
        {
            PrometheusApiResponse<TData> envelope;
            try
            {
                envelope = await _resilience.Queries.ExecuteAsync(
                    static async (state, token) => await state.Client.SendOnceAsync(state.Method, state.Path, state.Form, state.TypeInfo, token).ConfigureAwait(false),
                    (Client: this, Method: method, Path: path, Form: form, TypeInfo: typeInfo),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException ex)
            {
                var words = Phrase.Of("Live_PromTimeout", "Prometheus did not answer within {0} s (Prometheus:Timeout).", new Num(_options.Timeout.TotalSeconds, "0.###"));
                throw new PrometheusException(PrometheusErrorKind.Timeout, words.English, innerException: ex) { Words = words };
            }
            catch (BrokenCircuitException ex)
            {
                var words = Phrase.Of("Live_PromCircuitOpen", "Prometheus failed repeatedly; the dashboard asks again in {0} s and shows the last readings meanwhile.",
                    new Num(_options.CircuitBreakerBreakDuration.TotalSeconds, "0"));
                throw new PrometheusException(PrometheusErrorKind.CircuitOpen, words.English, innerException: ex) { Words = words };
            }

            var result = convert(envelope);
            var elapsedMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var (resultType, count) = Describe(result);
                PrometheusLog.QuerySucceeded(_logger, operation, resultType, count, elapsedMs);
                if (envelope.Warnings is { Count: > 0 } warnings)
                {
                    PrometheusLog.QueryWarnings(_logger, operation, string.Join(" | ", warnings), query);
                }
            }

            return result;
        }
        catch (PrometheusException ex) when (ex.Kind == PrometheusErrorKind.CircuitOpen)
        {
            // The breaker logged the outage once when it opened; one warning per suppressed call would flood the log.
            PrometheusLog.CallSuppressed(_logger, operation, query);
            _metrics.CallFailed(operation, ex.Kind);
            throw;
        }
        catch (PrometheusException ex)
        {
            _metrics.CallFailed(operation, ex.Kind);
            PrometheusLog.QueryFailed(
                _logger,
                operation,
                ex.Kind,
                ex.StatusCode is { } status ? (int)status : null,
                ex.ErrorType,
                ex.PrometheusError ?? ex.Message,
                query,
                (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private async ValueTask<PrometheusApiResponse<TData>> SendOnceAsync<TData>(
        HttpMethod method,
        string path,
        List<KeyValuePair<string, string>>? form,
        JsonTypeInfo<PrometheusApiResponse<TData>> typeInfo,
        CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, cancellationToken, form).ConfigureAwait(false);
        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw SizeLimitedStream.TooLarge(limit);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        try
        {
            var body = new SizeLimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), limit);
            await using (body.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    var prefix = await ReadPrefixAsync(body, (int)Math.Min(limit, ErrorBodyLimit), cancellationToken).ConfigureAwait(false);
                    throw PrometheusResponseParser.ErrorFromBody(response.StatusCode, mediaType, prefix);
                }

                if (mediaType is not null && !IsJson(mediaType))
                {
                    var prefix = await ReadPrefixAsync(body, 1024, cancellationToken).ConfigureAwait(false);
                    throw PrometheusResponseParser.Malformed(
                        $"expected application/json but got {mediaType} (HTTP {(int)response.StatusCode}): {PrometheusResponseParser.Truncate(System.Text.Encoding.UTF8.GetString(prefix))}");
                }

                PrometheusApiResponse<TData>? envelope;
                try
                {
                    envelope = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    throw PrometheusResponseParser.Malformed($"the body is not valid JSON ({ex.Message})", ex);
                }

                return envelope switch
                {
                    null => throw PrometheusResponseParser.Malformed("the body is JSON null"),
                    { Status: "success" } => envelope,
                    { Status: "error" } => throw PrometheusResponseParser.FromPrometheusError(response.StatusCode, envelope.ErrorType, envelope.Error),
                    _ => throw PrometheusResponseParser.Malformed($"unknown status \"{envelope.Status}\""),
                };
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new PrometheusException(
                PrometheusErrorKind.Unreachable,
                $"The connection to Prometheus broke while reading the answer: {ex.Message}",
                response.StatusCode,
                innerException: ex);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        HttpMethod method,
        string path,
        CancellationToken cancellationToken,
        List<KeyValuePair<string, string>>? form = null)
    {
        // A request message cannot be sent twice, so every attempt builds its own.
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(s_acceptJson);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            var words = Phrase.Of("Live_PromUnreachable", "Prometheus at {0} is unreachable: {1}",
                Phrase.Text(_httpClient.BaseAddress?.ToString() ?? ""), Phrase.Text(ex.Message));
            throw new PrometheusException(PrometheusErrorKind.Unreachable, words.English, ex.StatusCode, innerException: ex) { Words = words };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Cancelled by neither the caller nor the pipeline's timeout: the transport gave up on its own.
            throw new PrometheusException(PrometheusErrorKind.Timeout, $"The request to Prometheus was aborted: {ex.Message}", innerException: ex);
        }
    }

    private static async Task<byte[]> ReadPrefixAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes];
        var filled = 0;
        while (filled < maxBytes)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return buffer.AsSpan(0, filled).ToArray();
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static (string ResultType, int Count) Describe<TResult>(TResult result) => result switch
    {
        PrometheusVector v => ("vector", v.Series.Count),
        PrometheusMatrix m => ("matrix", m.Series.Count),
        PrometheusScalar => ("scalar", 1),
        PrometheusString => ("string", 1),
        IReadOnlyList<PrometheusAlert> alerts => ("alerts", alerts.Count),
        IReadOnlyList<PrometheusRuleGroup> groups => ("rule groups", groups.Count),
        _ => (typeof(TResult).Name, 1),
    };

    private string ServerTimeout() =>
        PromQl.FormatDuration(TimeSpan.FromMilliseconds(Math.Ceiling(_options.Timeout.TotalMilliseconds)));

    internal static string FormatUnixSeconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    internal static string FormatSeconds(TimeSpan span) =>
        (decimal.Round((decimal)span.TotalMilliseconds, 0, MidpointRounding.AwayFromZero) / 1000m).ToString(CultureInfo.InvariantCulture);
}
