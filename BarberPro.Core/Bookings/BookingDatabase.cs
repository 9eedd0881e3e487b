using Npgsql;

namespace BarberPro.Core.Bookings;

/// <summary>
/// The booking database, read-only, or its absence. Every session runs with default_transaction_read_only and a
/// statement timeout, so the dashboard cannot write there even with a role that could. Singleton: one pool.
/// </summary>
public sealed class BookingDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    public BookingDatabase(string? connectionString, TimeSpan commandTimeout)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Options = $"-c default_transaction_read_only=on -c statement_timeout={(int)commandTimeout.TotalMilliseconds}",
            ApplicationName = "barberpro-dashboard",
        };
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public const string NotConfiguredMessage = "Booking database not configured: set ConnectionStrings:Bookings (read-only role).";

    public bool IsConfigured => _dataSource is not null;

    /// <exception cref="BookingDatabaseNotConfiguredException">There is no booking database.</exception>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        (_dataSource ?? throw new BookingDatabaseNotConfiguredException()).OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public sealed class BookingDatabaseNotConfiguredException() : InvalidOperationException(BookingDatabase.NotConfiguredMessage);
