using System.Diagnostics;
using System.Globalization;
using System.Text;
using BarberPro.Bench.Shared;

namespace BarberPro.Bench.LiveFanout;

internal sealed record BenchOptions(int[] ViewerCounts, int Changes, TimeSpan PollInterval)
{
    public static BenchOptions FromArgs(string[] args)
    {
        var counts = new[] { 1, 500, 2000 };
        var changes = 10;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--viewers")
            {
                counts = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            if (args[i] == "--changes")
            {
                changes = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }
        return new BenchOptions(counts, changes, TimeSpan.FromSeconds(1));
    }
}

internal sealed record RunResult(int Viewers, int Alive, double QueriesPerMinute, double QueriesPerSnapshot, double SnapshotsPerMinute, LatencyStats Latency, double Cpu, long RssBytes)
{
    public TimeSpan Median => Latency.Median;

    public TimeSpan P95 => Latency.P95;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"viewers {Viewers} (alive {Alive}): {QueriesPerMinute:0.0} queries/min, {QueriesPerSnapshot:0.00} per snapshot, latency median {Median.TotalMilliseconds:0} ms p95 {P95.TotalMilliseconds:0} ms over {Latency.Samples.Count} arrivals, CPU {Cpu:P0}, RSS {RssBytes / 1048576.0:0} MiB");
}

/// <summary>
/// One live viewer: a <see cref="LiveApiSocket"/> (the browser client's protocol). It drains every message and looks at
/// the PostgreSQL figure only while a measurement waits for it.
/// </summary>
internal sealed class Viewer : IAsyncDisposable
{
    private static readonly byte[] s_postgresFigure = Encoding.UTF8.GetBytes("\"key\":\"postgres\"");
    private static readonly byte[] s_display = Encoding.UTF8.GetBytes("\"display\":\"");
    private LiveApiSocket? _socket;
    private volatile TaskCompletionSource<long>? _waiter;
    private volatile string? _expected;
    private volatile TaskCompletionSource<long>? _nextVersion;

    private Viewer()
    {
    }

    public bool IsOpen => _socket?.IsOpen ?? false;

    public static async Task<Viewer> ConnectAsync(string baseUrl, string cookie)
    {
        var viewer = new Viewer();
        viewer._socket = await LiveApiSocket.ConnectAsync(new Uri(baseUrl), "/hubs/live", cookie, viewer.OnMessage,
            () => viewer._waiter is not null || viewer._nextVersion is not null);
        return viewer;
    }

    /// <summary>The timestamp at which a snapshot showing PostgreSQL <paramref name="display"/> arrived, or null.</summary>
    public async Task<long?> WaitForPostgresAsync(string display, TimeSpan timeout)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _expected = display;
        _waiter = waiter;
        var done = await Task.WhenAny(waiter.Task, Task.Delay(timeout));
        _waiter = null;
        return done == waiter.Task ? waiter.Task.Result : null;
    }

    /// <summary>The version of the next snapshot this viewer receives.</summary>
    public async Task<long> NextSnapshotVersionAsync()
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextVersion = waiter;
        return await waiter.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private void OnMessage(ReadOnlySpan<byte> json)
    {
        var at = Stopwatch.GetTimestamp();
        if (_nextVersion is { } next && Version(json) is { } version)
        {
            _nextVersion = null;
            next.TrySetResult(version);
        }
        if (_waiter is { } waiter && _expected is { } expected && ShowsPostgres(json, expected))
        {
            waiter.TrySetResult(at);
        }
    }

    private static readonly byte[] s_version = Encoding.UTF8.GetBytes("\"target\":\"View\",\"arguments\":[{\"version\":");

    private static long? Version(ReadOnlySpan<byte> json)
    {
        var at = json.IndexOf(s_version);
        if (at < 0)
        {
            return null;
        }
        var digits = json[(at + s_version.Length)..];
        var end = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        return long.Parse(Encoding.ASCII.GetString(digits[..end]), CultureInfo.InvariantCulture);
    }

    private static bool ShowsPostgres(ReadOnlySpan<byte> json, string expected)
    {
        var at = json.IndexOf(s_postgresFigure);
        if (at < 0)
        {
            return false;
        }
        var rest = json[at..];
        var display = rest.IndexOf(s_display);
        if (display < 0)
        {
            return false;
        }
        var value = rest[(display + s_display.Length)..];
        return value.StartsWith(Encoding.UTF8.GetBytes(expected + "\""));
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }
    }
}
