using System.Collections.Concurrent;
using BarberPro.Core.Prometheus;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using BarberPro.Core.Text;

namespace BarberPro.Core.Live;

/// <summary>
/// The one poller of the process: every <see cref="LiveOptions.PollInterval"/> it reads every panel source once and
/// publishes one snapshot, however many browsers watch. A failing source marks its own panel stale; the others go on.
/// </summary>
public sealed partial class LivePoller : BackgroundService
{
    private readonly IReadOnlyList<IPanelSource> _sources;
    private readonly LiveSnapshotStore _store;
    private readonly TimeProvider _time;
    private readonly LiveOptions _options;
    private readonly ILogger<LivePoller> _logger;
    // Written by the panels' parallel reads: concurrent, so that a read never sees a dictionary mid-resize.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRead = new(StringComparer.Ordinal);
    private long _version;

    public LivePoller(IEnumerable<IPanelSource> sources, LiveSnapshotStore store, TimeProvider time,
        IOptions<LiveOptions> options, ILogger<LivePoller> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sources = sources.ToList();
        _store = store;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _time);
        do
        {
            await PollOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the sources that are due, in parallel, and publishes the next snapshot.</summary>
    public async Task<LiveSnapshot> PollOnceAsync(CancellationToken cancellationToken)
    {
        var previous = _store.Current;
        var now = _time.GetUtcNow();
        var tasks = _sources.Select(source => ReadPanelAsync(source, previous.Find(source.Key), now, cancellationToken)).ToArray();
        var panels = await Task.WhenAll(tasks);
        var snapshot = new LiveSnapshot(++_version, now, _options.PollInterval, panels);
        _store.Publish(snapshot);
        return snapshot;
    }

    private async Task<PanelSnapshot> ReadPanelAsync(IPanelSource source, PanelSnapshot? previous, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        previous ??= PanelSnapshot.Pending(source.Key, source.Title);
        if (source.Interval is { } interval && _lastRead.TryGetValue(source.Key, out var last) && now - last < interval
            && previous.Status == PanelStatus.Data)
        {
            return previous;
        }

        using var timeout = new CancellationTokenSource(_options.EffectivePanelTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        string error;
        Phrase? errorWords = null;
        try
        {
            var reading = await source.ReadAsync(now, linked.Token);
            _lastRead[source.Key] = now;
            if (previous.Status != PanelStatus.Data && previous.AsOf is not null)
            {
                LogRecovered(source.Key);
            }
            return PanelSnapshot.FromReading(source.Key, source.Title, reading);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            errorWords = Phrase.Of("Live_NoAnswerWithin", "No answer within {0} s.", new Num(_options.EffectivePanelTimeout.TotalSeconds, "0.#"));
            error = errorWords.ToString();
        }
        catch (Exception ex) when (ex is PrometheusException or PanelDataException or InvalidOperationException or ArgumentException
            or Npgsql.NpgsqlException or TimeoutException or HttpRequestException)
        {
            error = ex.Message;
            errorWords = ex switch
            {
                PanelDataException data => data.Words,
                PrometheusException prometheus => prometheus.Words,
                _ => null,
            };
        }

        if (previous.Status == PanelStatus.Data)
        {
            LogPanelFailed(source.Key, error);
        }
        return previous.Failed(error, now, errorWords);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live panel {Panel} lost its source: {Error}")]
    private partial void LogPanelFailed(string panel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live panel {Panel} has current data again")]
    private partial void LogRecovered(string panel);
}
