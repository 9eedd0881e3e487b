using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Core.Bookings;

/// <summary>
/// Keeps the booking aggregates fresh, in exactly one of the dashboard instances: every
/// <see cref="BookingOptions.RefreshInterval"/> each instance that is not the maintainer tries the session advisory lock
/// <see cref="BookingAggregator.MaintainerLockKey"/> on a connection of its own; the one that gets it keeps that
/// connection (and so the lock) and refreshes on it. The others only read the aggregates. When the maintainer stops or
/// its connection breaks, PostgreSQL releases the lock and another instance takes over at its next tick, carrying on
/// from the watermark in the database. Without a booking database it does nothing.
/// </summary>
public sealed partial class BookingAggregatorService(
    NpgsqlDataSource dashboard,
    BookingDatabase bookings,
    TimeProvider time,
    IOptions<BookingOptions> options,
    ILogger<BookingAggregatorService> logger) : BackgroundService
{
    private readonly BookingAggregator _aggregator = new(bookings, time, options.Value);
    private NpgsqlConnection? _held;

    /// <summary>True while this instance holds the maintainer lock.</summary>
    public bool IsMaintainer => _held is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!bookings.IsConfigured)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            do
            {
                await TickAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    /// <summary>Takes the lock if it is free, then refreshes when this instance is the maintainer.</summary>
    public async Task<BookingRefreshResult?> TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            _held ??= await TryTakeLockAsync(cancellationToken);
            if (_held is null)
            {
                return null;
            }
            var started = time.GetTimestamp();
            var result = await _aggregator.RefreshOnceAsync(_held, cancellationToken);
            if (!result.CaughtUp || result.BookingsRepaired + result.PaymentsRepaired > 0)
            {
                LogRefreshed(result.BookingsRead, result.PaymentsRead, result.BookingsRepaired, result.PaymentsRepaired,
                    time.GetElapsedTime(started).TotalMilliseconds);
            }
            return result;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogRefreshFailed(ex);
            await ReleaseAsync();
            return null;
        }
    }

    private async Task<NpgsqlConnection?> TryTakeLockAsync(CancellationToken cancellationToken)
    {
        var connection = await dashboard.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", connection))
        {
            command.Parameters.AddWithValue("k", BookingAggregator.MaintainerLockKey);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                LogMaintainer();
                return connection;
            }
        }
        await connection.DisposeAsync();
        return null;
    }

    private async Task ReleaseAsync()
    {
        if (_held is not { } connection)
        {
            return;
        }
        _held = null;
        try
        {
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // A broken connection: the server released the lock with the session.
        }
        await connection.DisposeAsync();
    }

    public override void Dispose()
    {
        // The connection goes back to the pool: the lock must not go with it.
        if (_held is { } connection)
        {
            _held = null;
            try
            {
                using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection);
                unlock.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // A broken connection: the server released the lock with the session.
            }
            connection.Dispose();
        }
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance now maintains the booking aggregates")]
    private partial void LogMaintainer();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Booking aggregates refreshed: {Bookings} booking rows and {Payments} payment rows read, {BookingsRepaired} and {PaymentsRepaired} repaired by the sweep, in {ElapsedMs} ms")]
    private partial void LogRefreshed(long bookings, long payments, long bookingsRepaired, long paymentsRepaired, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Booking aggregates could not be refreshed; trying again at the next interval")]
    private partial void LogRefreshFailed(Exception ex);
}
