using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Core.Bookings;

/// <summary>
/// The booking aggregates are not built yet: the maintainer has not caught up with the booking database once (a fresh
/// dashboard database; at 5 M bookings this takes a few minutes, see bench/BookingQueries).
/// </summary>
public sealed class BookingAggregatesNotReadyException() : InvalidOperationException(Text)
{
    /// <summary>The message (English: logs, the API, the panel's error); pages word the state from
    /// <see cref="BookingFiguresReader.LastRead"/>, never by matching this text.</summary>
    public const string Text = "Booking figures are being built from the booking database (first catch-up); they show once it has finished.";
}

/// <summary>What the last read of the booking figures came to (<see cref="BookingFiguresReader.LastRead"/>).</summary>
public enum BookingReadState
{
    NotReadYet,
    Read,
    BeingBuilt,
    Failed,
}

/// <summary>
/// Reads every booking figure in one round trip (one batch of the figures' queries) from the aggregates in the
/// dashboard's own database, which <see cref="BookingAggregatorService"/> keeps fresh, and keeps the latest read for the
/// bookings and cost pages. Never queries the booking database. Singleton.
/// </summary>
public sealed class BookingFiguresReader(NpgsqlDataSource dashboard, BookingDatabase database, TimeProvider time, IOptions<BookingOptions> options)
{
    private readonly BookingOptions _options = options.Value;
    private volatile BookingFigures? _latest;

    /// <summary>The last successful read, or null before the first.</summary>
    public BookingFigures? Latest => _latest;

    public bool IsConfigured => database.IsConfigured;

    /// <summary>What the last read of the figures (the panel's, <see cref="ReadAsync(CancellationToken)"/>) came to: read,
    /// the aggregates still being built (what <see cref="BookingAggregatesNotReadyException"/> says), or another failure.
    /// A state a page words in its reader's language, never by matching the panel's English error.</summary>
    public BookingReadState LastRead => (BookingReadState)Volatile.Read(ref _lastRead);

    private int _lastRead;

    /// <exception cref="BookingAggregatesNotReadyException">The first catch-up has not finished.</exception>
    public async Task<BookingFigures> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var periods = BookingPeriods.At(now, _options.WindowDays);
        try
        {
            await using var connection = await OpenReadyAsync(cancellationToken);
            var figures = await ReadAsync(connection, BookingQueryStrategy.Aggregates, periods, now, cancellationToken);
            _latest = figures;
            Volatile.Write(ref _lastRead, (int)BookingReadState.Read);
            return figures;
        }
        catch (BookingAggregatesNotReadyException)
        {
            Volatile.Write(ref _lastRead, (int)BookingReadState.BeingBuilt);
            throw;
        }
        catch
        {
            Volatile.Write(ref _lastRead, (int)BookingReadState.Failed);
            throw;
        }
    }

    /// <summary>Active users, completed appointments and revenue of one Argentina month.</summary>
    /// <exception cref="BookingAggregatesNotReadyException">The first catch-up has not finished.</exception>
    public async Task<BookingMonth> ReadMonthAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadyAsync(cancellationToken);
        return await ReadMonthAsync(connection, BookingQueryStrategy.Aggregates, month, cancellationToken);
    }

    /// <summary>One month's figures through <paramref name="strategy"/> on <paramref name="connection"/>.</summary>
    public static async Task<BookingMonth> ReadMonthAsync(NpgsqlConnection connection, BookingQueryStrategy strategy, DateOnly month,
        CancellationToken cancellationToken)
    {
        var start = new DateOnly(month.Year, month.Month, 1);
        var periods = new BookingPeriods(start, start, start, start);
        await using var command = new NpgsqlCommand(BookingKpiQueries.MonthSql(strategy), connection);
        BookingKpiQueries.Bind(command.Parameters, periods);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BookingMonth(start, reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2));
    }

    /// <summary>True once the aggregates have caught up with the booking database at least once.</summary>
    public static async Task<bool> AggregatesReadyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(BookingKpiQueries.AggregatesReadySql, connection);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private async Task<NpgsqlConnection> OpenReadyAsync(CancellationToken cancellationToken)
    {
        if (!database.IsConfigured)
        {
            throw new BookingDatabaseNotConfiguredException();
        }
        var connection = await dashboard.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await AggregatesReadyAsync(connection, cancellationToken))
            {
                throw new BookingAggregatesNotReadyException();
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every figure of <paramref name="strategy"/> for <paramref name="periods"/>, in one batch.</summary>
    public static async Task<BookingFigures> ReadAsync(NpgsqlConnection connection, BookingQueryStrategy strategy,
        BookingPeriods periods, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var queries = BookingKpiQueries.For(strategy);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var query in queries)
        {
            var command = new NpgsqlBatchCommand(query.Sql);
            BookingKpiQueries.Bind(command.Parameters, periods);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        long today = 0, week = 0, completed = 0, finished = 0, succeeded = 0, failed = 0, active = 0;
        var cities = new List<CityBookings>();
        var hours = new long[24];
        foreach (var query in queries)
        {
            switch (query.Name)
            {
                case BookingKpiQueries.Today:
                    today = await SingleAsync(reader, cancellationToken);
                    break;
                case BookingKpiQueries.Week:
                    week = await SingleAsync(reader, cancellationToken);
                    break;
                case BookingKpiQueries.Completion:
                    (completed, finished) = await PairAsync(reader, cancellationToken);
                    break;
                case BookingKpiQueries.Payments:
                    (succeeded, failed) = await PairAsync(reader, cancellationToken);
                    break;
                case BookingKpiQueries.ActiveUsers:
                    active = await SingleAsync(reader, cancellationToken);
                    break;
                case BookingKpiQueries.Cities:
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        cities.Add(new CityBookings(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDecimal(3)));
                    }
                    break;
                case BookingKpiQueries.Hours:
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        hours[reader.GetInt32(0)] = reader.GetInt64(1);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"No reader for booking query {query.Name}.");
            }
            await reader.NextResultAsync(cancellationToken);
        }

        return new BookingFigures(asOf, periods, strategy, today, week, completed, finished, succeeded, failed, active, cities,
            [.. hours.Select((n, h) => new HourBookings(h, n))]);
    }

    private static async Task<long> SingleAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0);
    }

    private static async Task<(long, long)> PairAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
