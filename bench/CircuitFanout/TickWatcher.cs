using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>
/// Watches the live API (<c>/hubs/live</c>, SignalR JSON over a WebSocket, as LiveFanout's viewers) and keeps, for
/// each message the server pushes, when it arrived and the snapshot's <c>generatedAt</c> if the message carries one.
/// It reads no other field, so it keeps working while the message's shape changes.
/// </summary>
internal sealed partial class TickWatcher : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Task _pinger;
    private readonly ConcurrentQueue<Tick> _ticks = new();
    private volatile TaskCompletionSource<Tick>? _next;

    private TickWatcher(ClientWebSocket socket)
    {
        _socket = socket;
        _loop = Task.Run(ReceiveAsync);
        _pinger = Task.Run(PingAsync);
    }

    public static async Task<TickWatcher> ConnectAsync(Uri baseUri, string path, string cookieHeader, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookieHeader);
        socket.Options.SetRequestHeader("Origin", baseUri.GetLeftPart(UriPartial.Authority));
        var ws = new UriBuilder(new Uri(baseUri, path)) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(ws, cancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cancellationToken);
        return new TickWatcher(socket);
    }

    /// <summary>Every message since the last call, in arrival order.</summary>
    public List<Tick> Drain()
    {
        var ticks = new List<Tick>();
        while (_ticks.TryDequeue(out var tick))
        {
            ticks.Add(tick);
        }
        return ticks;
    }

    /// <summary>The next message to arrive.</summary>
    public Task<Tick> NextAsync(TimeSpan timeout)
    {
        var next = new TaskCompletionSource<Tick>(TaskCreationOptions.RunContinuationsAsynchronously);
        _next = next;
        return next.Task.WaitAsync(timeout);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var arrived = TimeProvider.System.GetUtcNow();
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                foreach (var frame in text.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!frame.Contains("\"type\":1", StringComparison.Ordinal))
                    {
                        continue; // handshake, pings
                    }
                    var generated = GeneratedAt().Match(frame) is { Success: true } m
                        && DateTimeOffset.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
                    var tick = new Tick(arrived, generated);
                    _ticks.Enqueue(tick);
                    _next?.TrySetResult(tick);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    /// <summary>A SignalR ping every 10 s, so the server does not time the socket out (30 s without a message).</summary>
    private async Task PingAsync()
    {
        var ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await _socket.SendAsync(ping, WebSocketMessageType.Text, true, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loop, _pinger);
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Dispose();
        _stop.Dispose();
    }

    [GeneratedRegex("\"generatedAt\":\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedAt();
}

/// <summary>One live API message: when it arrived here, and when the server generated its snapshot (if it says).</summary>
internal readonly record struct Tick(DateTimeOffset Arrived, DateTimeOffset? GeneratedAt)
{
    /// <summary>The moment the snapshot existed: its generatedAt (same machine clock), else its arrival here.</summary>
    public DateTimeOffset Reference => GeneratedAt ?? Arrived;
}
