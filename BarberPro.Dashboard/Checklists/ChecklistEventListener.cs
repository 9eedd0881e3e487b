using System.Threading.Channels;
using BarberPro.Core.Checklists;
using BarberPro.Dashboard.Persistence;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// LISTENs on <see cref="ChecklistEvents.Channel"/> and pushes each committed change to the run's hub group. Every
/// instance runs one, and every instance's writer NOTIFYs inside its transaction, so a tick made on any instance reaches
/// the browsers of all of them, and only once it is committed. Bursts are coalesced: notifications queued meanwhile
/// are read together, one query per batch, one message per changed item. When the connection is lost every page is
/// told that live updates are paused (<see cref="IChecklistClient.LivePaused"/>); the listener tries again at most
/// <see cref="MaxRetryDelay"/> apart, so it listens within a second of the database's return, and then tells every page
/// to resync (events were missed meanwhile). Singleton hosted service.
/// </summary>
internal sealed partial class ChecklistEventListener(
    NpgsqlDataSource dataSource,
    ChecklistStore store,
    IHubContext<ChecklistHub, IChecklistClient> hub,
    ChecklistLiveStatus status,
    DatabaseOutage outage,
    TimeProvider time,
    ILogger<ChecklistEventListener> logger) : BackgroundService
{
    /// <summary>
    /// The longest pause between two attempts to listen again. Short on purpose: an attempt against a server that is
    /// down costs one refused TCP connection, and until it succeeds no page of this instance learns of any change
    /// (with 30 s, pushes stayed off for up to 30 s after the database was back).
    /// </summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(20);
    private readonly Channel<ChecklistItemRef> _events = Channel.CreateUnbounded<ChecklistItemRef>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private NpgsqlConnection? _connection;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listen before the app accepts requests, so the first change after start-up is not missed. A failure here is
        // not fatal: ExecuteAsync keeps trying.
        try
        {
            _connection = await ListenAsync(cancellationToken);
            status.IsListening = true;
            LogListening();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogListenLost(ex.GetType().Name, ex.Message);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pushing = PushLoopAsync(stoppingToken);
        var delay = s_firstRetryDelay;
        var missedEvents = _connection is null;
        var failedAttempts = _connection is null ? 1 : 0;
        var lostAt = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = await ListenAsync(stoppingToken);
                    status.IsListening = true;
                    delay = s_firstRetryDelay;
                    LogListeningAgain(time.GetElapsedTime(lostAt).TotalSeconds, failedAttempts);
                    failedAttempts = 0;
                    outage.Answered();
                }
                if (missedEvents)
                {
                    missedEvents = false;
                    await hub.Clients.All.Resync();
                }
                if (!await _connection.WaitAsync(s_keepAlive, stoppingToken))
                {
                    // Quiet for a while: prove the connection is alive, so a dead one is noticed and replaced.
                    await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                    await ping.ExecuteNonQueryAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                await DropConnectionAsync();
                missedEvents = true;
                if (failedAttempts++ == 0)
                {
                    // Once per outage, not once per attempt: the attempts are a second apart.
                    lostAt = time.GetTimestamp();
                    status.IsListening = false;
                    LogListenLost(ex.GetType().Name, ex.Message);
                    await hub.Clients.All.LivePaused();
                }
                try
                {
                    // Wall-clock pacing of reconnects, not domain time: a test's frozen clock must not stop it.
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
        status.IsListening = false;
        await DropConnectionAsync();
        _events.Writer.TryComplete();
        await pushing;
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            connection.Notification += OnNotification;
            await using var listen = new NpgsqlCommand($"LISTEN {ChecklistEvents.Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            connection.Notification -= OnNotification;
            await connection.DisposeAsync();
            throw;
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (ChecklistEvents.TryParse(e.Payload, out var item))
        {
            _events.Writer.TryWrite(item);
        }
        else
        {
            LogBadPayload(e.Payload);
        }
    }

    private async Task PushLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new HashSet<(long, string)>();
                while (batch.Count < 500 && reader.TryRead(out var item))
                {
                    batch.Add((item.RunId, item.ItemKey));
                }
                await PushAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Reads the batch's committed states and pushes them. When they cannot be read, pages are told that live updates
    /// are paused (they are behind) and the read is tried again until it works; then pages resync, since later events
    /// may have been coalesced away meanwhile.
    /// </summary>
    private async Task PushAsync(HashSet<(long, string)> batch, CancellationToken stoppingToken)
    {
        var failed = false;
        while (true)
        {
            try
            {
                var states = await store.GetItemsAsync(batch, stoppingToken);
                var now = time.GetUtcNow();
                foreach (var state in states)
                {
                    await hub.Clients.Group(ChecklistHub.GroupName(state.RunId)).ItemChanged(ChecklistItemDto.From(state, now));
                }
                if (failed)
                {
                    await hub.Clients.All.Resync();
                }
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                if (!failed)
                {
                    failed = true;
                    LogPushFailed(ex.GetType().Name, ex.Message, batch.Count);
                    await hub.Clients.All.LivePaused();
                }
                await Task.Delay(MaxRetryDelay, stoppingToken);
            }
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            connection.Notification -= OnNotification;
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                // Already lost: nothing to tell beyond what LogListenLost said.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for checklist events on channel checklist_events")]
    private partial void LogListening();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Checklist event listener lost or could not open its database connection ({ExceptionType}: {Cause}); live updates paused, retrying every second at most")]
    private partial void LogListenLost(string exceptionType, string cause);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Checklist event listener listening again after {Seconds:F1} s and {Attempts} failed attempts; pages told to resync")]
    private partial void LogListeningAgain(double seconds, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed checklist event payload {Payload}")]
    private partial void LogBadPayload(string payload);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not read {Count} changed checklist items to push ({ExceptionType}: {Cause}); live updates paused, retrying")]
    private partial void LogPushFailed(string exceptionType, string cause, int count);
}
