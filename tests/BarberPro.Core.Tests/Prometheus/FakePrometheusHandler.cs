using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BarberPro.Core.Tests.Prometheus;

/// <summary>A request as the fake Prometheus received it, with the form body read out.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? ContentType, string? Body)
{
    public IReadOnlyDictionary<string, string> Form => Body is null
        ? new Dictionary<string, string>()
        : QueryHelpers.ParseQuery(Body).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}

/// <summary>
/// Hand-written stand-in for Prometheus: answers queued responders in order, then the fallback, and records
/// every request it received (so tests count calls and read the form body).
/// </summary>
internal sealed class FakePrometheusHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _queue = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? Fallback { get; set; }

    /// <summary>Completes when a request arrives (re-armed by <see cref="ArmRequestSignal"/>).</summary>
    public TaskCompletionSource RequestArrived { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public int Calls => Requests.Count;

    public FakePrometheusHandler Enqueue(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> responder)
    {
        lock (_gate)
        {
            _queue.Enqueue(responder);
        }

        return this;
    }

    public FakePrometheusHandler EnqueueJson(HttpStatusCode status, string json) => Enqueue(Respond.Json(status, json));

    public void ArmRequestSignal() => RequestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? responder;
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Content?.Headers.ContentType?.MediaType, body));
            responder = _queue.Count > 0 ? _queue.Dequeue() : Fallback;
        }

        RequestArrived.TrySetResult();
        if (responder is null)
        {
            throw new InvalidOperationException($"The fake Prometheus has no answer left for {request.Method} {request.RequestUri}.");
        }

        return await responder(request, cancellationToken);
    }
}

/// <summary>Ready-made responders for <see cref="FakePrometheusHandler"/>.</summary>
internal static class Respond
{
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Json(HttpStatusCode status, string json) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Text(HttpStatusCode status, string body, string mediaType) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        });

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Stream(HttpStatusCode status, Stream body, string mediaType = "application/json") =>
        (_, _) =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return Task.FromResult(new HttpResponseMessage(status) { Content = content });
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Throw(Exception exception) =>
        (_, _) => Task.FromException<HttpResponseMessage>(exception);

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> ConnectionRefused() =>
        Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (prometheus.test:9090)"));

    /// <summary>Never answers; completes only when the request is cancelled (by the caller or a timeout).</summary>
    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };
}

/// <summary>An endless JSON-looking body that counts what was read from it, to prove the size cap stops streaming.</summary>
internal sealed class EndlessBodyStream : Stream
{
    private static readonly byte[] s_prefix = Encoding.UTF8.GetBytes("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    private static readonly byte[] s_item = Encoding.UTF8.GetBytes("{\"metric\":{\"job\":\"barberpro\"},\"value\":[1763870000,\"1\"]},");

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var position = BytesRead + i;
            buffer[offset + i] = position < s_prefix.Length
                ? s_prefix[position]
                : s_item[(position - s_prefix.Length) % s_item.Length];
        }

        BytesRead += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
