using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BarberPro.Bench.Shared;

namespace BarberPro.Bench.CircuitFanout;

/// <summary>
/// Watches the live API (<c>/hubs/live</c>, through the shared <see cref="LiveApiSocket"/>, as LiveFanout's viewers) and
/// keeps, for each message the server pushes, when it arrived and the snapshot's <c>generatedAt</c> if the message
/// carries one. It reads no other field, so it keeps working while the message's shape changes.
/// </summary>
internal sealed partial class TickWatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<Tick> _ticks = new();
    private LiveApiSocket? _socket;
    private volatile TaskCompletionSource<Tick>? _next;

    private TickWatcher()
    {
    }

    public static async Task<TickWatcher> ConnectAsync(Uri baseUri, string path, string cookieHeader, CancellationToken cancellationToken)
    {
        var watcher = new TickWatcher();
        watcher._socket = await LiveApiSocket.ConnectAsync(baseUri, path, cookieHeader, watcher.OnMessage, cancellationToken: cancellationToken);
        return watcher;
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

    private void OnMessage(ReadOnlySpan<byte> message)
    {
        var arrived = TimeProvider.System.GetUtcNow();
        foreach (var frame in Encoding.UTF8.GetString(message).Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
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

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }
    }

    [GeneratedRegex("\"generatedAt\":\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedAt();
}
