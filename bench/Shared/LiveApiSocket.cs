using System.Net.WebSockets;
using System.Text;

namespace BarberPro.Bench.Shared;

/// <summary>Receives one complete message of the live API (the bytes are valid only during the call).</summary>
internal delegate void LiveApiMessageHandler(ReadOnlySpan<byte> message);

/// <summary>
/// A client of the live API (<c>/hubs/live</c>): a WebSocket speaking SignalR's JSON protocol with negotiation skipped
/// (as the browser client connects), signed in by the session cookie, with a SignalR ping every 10 s so the server does
/// not time it out (30 s without a message). Each complete message goes to the handler while <c>wanted</c> says so;
/// the others are drained unread (2,000 viewers cost little when nobody measures). Used by LiveFanout's viewers and
/// CircuitFanout's tick watcher.
/// </summary>
internal sealed class LiveApiSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly LiveApiMessageHandler _onMessage;
    private readonly Func<bool> _wanted;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Task _pinger;

    private LiveApiSocket(ClientWebSocket socket, LiveApiMessageHandler onMessage, Func<bool> wanted)
    {
        _socket = socket;
        _onMessage = onMessage;
        _wanted = wanted;
        _loop = Task.Run(ReceiveAsync);
        _pinger = Task.Run(PingAsync);
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Connects to <paramref name="path"/> of <paramref name="baseUri"/> with the cookie and the site's origin.</summary>
    public static async Task<LiveApiSocket> ConnectAsync(Uri baseUri, string path, string cookieHeader, LiveApiMessageHandler onMessage,
        Func<bool>? wanted = null, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookieHeader);
        socket.Options.SetRequestHeader("Origin", baseUri.GetLeftPart(UriPartial.Authority));
        var ws = new UriBuilder(new Uri(baseUri, path)) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(ws, cancellationToken);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cancellationToken);
        return new LiveApiSocket(socket, onMessage, wanted ?? (() => true));
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
                if (!_wanted())
                {
                    message.SetLength(0);
                    continue;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                _onMessage(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

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
}
