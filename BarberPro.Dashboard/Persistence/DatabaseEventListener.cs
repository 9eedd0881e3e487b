using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace BarberPro.Dashboard.Persistence;

/// <summary>
/// One feature's PostgreSQL NOTIFY channel, as <see cref="DatabaseEventListener"/> delivers it. Writers NOTIFY inside the
/// transaction of their change, so a notification exists only if the change committed. Implementations are singletons.
/// </summary>
public interface IDatabaseEventChannel
{
    /// <summary>The channel name; a plain identifier (it is written into <c>LISTEN</c> as it is).</summary>
    string Channel { get; }

    /// <summary>
    /// One notification. Called on the listener's connection, between two reads of it: queue the work and return, do
    /// not wait on anything.
    /// </summary>
    void OnNotification(string payload);

    /// <summary>
    /// The listener is listening. <paramref name="eventsMayHaveBeenMissed"/> is true after a start-up without the
    /// database or a lost connection: whatever was committed meanwhile was not delivered, so catch up from the tables.
    /// </summary>
    Task OnListeningAsync(bool eventsMayHaveBeenMissed);

    /// <summary>The connection is lost (called once per outage, not per attempt): changes made now are not delivered.</summary>
    Task OnListeningLostAsync();
}

/// <summary>
/// The one LISTEN connection of an instance: it listens on the channel of every registered
/// <see cref="IDatabaseEventChannel"/> (checklist changes, session events) and hands each notification to its channel.
/// Every instance runs one, so a change committed through any instance reaches all of them. When the connection is
/// lost every channel is told (once per outage); the listener tries again at most <see cref="MaxRetryDelay"/> apart, so
/// it listens within a second of the database's return, and then tells every channel that events may have been missed.
/// While quiet it pings every 20 s so that a dead connection is noticed and replaced. Singleton hosted service.
/// </summary>
internal sealed partial class DatabaseEventListener(
    NpgsqlDataSource dataSource,
    IEnumerable<IDatabaseEventChannel> channels,
    DatabaseOutage outage,
    TimeProvider time,
    ILogger<DatabaseEventListener> logger) : BackgroundService
{
    /// <summary>
    /// The longest pause between two attempts to listen again. Short on purpose: an attempt against a server that is
    /// down costs one refused TCP connection, and until it succeeds this instance learns of no change (with 30 s,
    /// pushes stayed off for up to 30 s after the database was back).
    /// </summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The listener connection's <c>application_name</c>.</summary>
    public const string ApplicationName = "barberpro-dashboard-listener";

    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(20);
    private readonly Dictionary<string, IDatabaseEventChannel> _channels = channels.ToDictionary(c => c.Channel, StringComparer.Ordinal);
    private NpgsqlConnection? _connection;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listen before the app accepts requests, so the first change after start-up is not missed. A failure here is
        // not fatal: ExecuteAsync keeps trying.
        try
        {
            _connection = await ListenAsync(cancellationToken);
            LogListening(string.Join(", ", _channels.Keys));
            await TellAsync(c => c.OnListeningAsync(eventsMayHaveBeenMissed: false));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogListenLost(ex.GetType().Name, ex.Message);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = s_firstRetryDelay;
        var failedAttempts = _connection is null ? 1 : 0;
        var lostAt = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_connection is null)
                {
                    _connection = await ListenAsync(stoppingToken);
                    delay = s_firstRetryDelay;
                    LogListeningAgain(time.GetElapsedTime(lostAt).TotalSeconds, failedAttempts);
                    failedAttempts = 0;
                    outage.Answered();
                    await TellAsync(c => c.OnListeningAsync(eventsMayHaveBeenMissed: true));
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
                if (failedAttempts++ == 0)
                {
                    // Once per outage, not once per attempt: the attempts are a second apart.
                    lostAt = time.GetTimestamp();
                    LogListenLost(ex.GetType().Name, ex.Message);
                    await TellAsync(c => c.OnListeningLostAsync());
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
        await DropConnectionAsync();
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            connection.Notification += OnNotification;
            // Named, so that pg_stat_activity shows which connection is the instance's listener.
            await using var listen = new NpgsqlCommand(
                $"SET application_name = '{ApplicationName}';" + string.Concat(_channels.Keys.Select(c => $"LISTEN {c};")), connection);
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
        if (_channels.TryGetValue(e.Channel, out var channel))
        {
            channel.OnNotification(e.Payload);
        }
    }

    /// <summary>Tells every channel; one channel's failure is logged and does not keep the others uninformed.</summary>
    private async Task TellAsync(Func<IDatabaseEventChannel, Task> tell)
    {
        foreach (var channel in _channels.Values)
        {
            try
            {
                await tell(channel);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogChannelFailed(ex, channel.Channel);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for database events on channels {Channels}")]
    private partial void LogListening(string channels);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Database event listener lost or could not open its database connection ({ExceptionType}: {Cause}); live updates paused, retrying every second at most")]
    private partial void LogListenLost(string exceptionType, string cause);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Database event listener listening again after {Seconds:F1} s and {Attempts} failed attempts; channels told to catch up")]
    private partial void LogListeningAgain(double seconds, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database event channel {Channel} failed to handle a listener state change")]
    private partial void LogChannelFailed(Exception ex, string channel);
}

public static class DatabaseEventExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TChannel"/> (a singleton) on the instance's one <see cref="DatabaseEventListener"/>,
    /// adding the listener on first use: each feature registers its own channel, none relies on another's.
    /// </summary>
    public static IServiceCollection AddDatabaseEventChannel<TChannel>(this IServiceCollection services)
        where TChannel : class, IDatabaseEventChannel
    {
        services.TryAddSingleton<TChannel>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDatabaseEventChannel, TChannel>(sp => sp.GetRequiredService<TChannel>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DatabaseEventListener>());
        return services;
    }
}
