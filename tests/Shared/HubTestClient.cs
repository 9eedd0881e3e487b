using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BarberPro.Tests.Shared;

/// <summary>
/// A SignalR client speaking the JSON hub protocol over a WebSocket with negotiation skipped (small enough to
/// need no client package). Invocations from the server are queued for <see cref="NextAsync"/>.
/// </summary>
public sealed partial class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly Channel<JsonObject> _messages = Channel.CreateUnbounded<JsonObject>();
    private readonly Dictionary<string, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId;

    private HubTestClient(WebSocket socket, IEnumerable<string> earlyRecords)
    {
        _socket = socket;
        foreach (var record in earlyRecords)
        {
            Dispatch(JsonNode.Parse(record)!.AsObject());
        }
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>
    /// Connects to a real server (ws://host:port/path) and completes the handshake; throws when the server refuses the
    /// upgrade (e.g. 401/403) or does not answer.
    /// </summary>
    public static async Task<HubTestClient> ConnectAsync(Uri url, string? cookieHeader, string? origin,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var socket = new ClientWebSocket();
        if (cookieHeader is { Length: > 0 })
        {
            socket.Options.SetRequestHeader("Cookie", cookieHeader);
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            return await StartAsync(socket, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Completes the SignalR handshake on an open WebSocket.</summary>
    public static async Task<HubTestClient> StartAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        await SendRawAsync(socket, """{"protocol":"json","version":1}""", cancellationToken);
        var handshake = await ReadFrameAsync(socket, cancellationToken)
            ?? throw new InvalidOperationException("The hub closed the connection during the handshake.");
        // The server may send its first messages in the same frame as the handshake reply.
        var records = handshake.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
        var reply = JsonNode.Parse(records[0])!.AsObject();
        if (reply["error"] is { } error)
        {
            throw new InvalidOperationException($"Hub handshake refused: {error}");
        }
        return new HubTestClient(socket, records.Skip(1));
    }

    /// <summary>Calls a hub method and returns its result; a hub error becomes <see cref="HubException"/>.</summary>
    public Task<JsonNode?> InvokeAsync(string target, params object?[] arguments) =>
        InvokeAsync(TimeSpan.FromSeconds(10), target, arguments);

    /// <summary>Calls a hub method, waiting at most <paramref name="timeout"/> for its answer.</summary>
    public async Task<JsonNode?> InvokeAsync(TimeSpan timeout, string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_pending)
        {
            _pending[id] = completion;
        }
        var message = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
        };
        await SendRawAsync(_socket, message.ToJsonString(), _stop.Token);
        var result = await completion.Task.WaitAsync(timeout);
        if (result["error"] is { } error)
        {
            throw new HubException(error.GetValue<string>());
        }
        return result["result"];
    }

    /// <summary>The next invocation of <paramref name="target"/> pushed by the server, skipping others.</summary>
    public async Task<JsonArray> NextAsync(string target, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var message = await _messages.Reader.ReadAsync(cts.Token);
            if (message["target"]?.GetValue<string>() == target)
            {
                return message["arguments"]!.AsArray();
            }
        }
    }

    /// <summary>True once the server has closed the socket (e.g. after revoking access).</summary>
    public bool IsClosed => _receiving.IsCompleted;

    public Task Closed => _receiving;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (await ReadFrameAsync(_socket, _stop.Token) is { } frame)
            {
                foreach (var part in frame.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!Dispatch(JsonNode.Parse(part)!.AsObject()))
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
            lock (_pending)
            {
                foreach (var completion in _pending.Values)
                {
                    completion.TrySetException(new InvalidOperationException("The hub connection closed."));
                }
            }
        }
    }

    /// <summary>Routes one hub message; false when the server closed the connection (type 7).</summary>
    private bool Dispatch(JsonObject message)
    {
        switch (message["type"]?.GetValue<int>())
        {
            case 1:
                _messages.Writer.TryWrite(message);
                break;
            case 3:
                TaskCompletionSource<JsonObject>? completion;
                lock (_pending)
                {
                    _pending.Remove(message["invocationId"]!.GetValue<string>(), out completion);
                }
                completion?.TrySetResult(message);
                break;
            case 7:
                return false;
        }
        return true;
    }

    private static Task SendRawAsync(WebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Reads one WebSocket message (which may hold several records); null when the socket closed.</summary>
    private static async Task<string?> ReadFrameAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray()).TrimEnd(RecordSeparator);
            }
        }
    }
}

public sealed class HubException(string message) : Exception(message);
