using System.Data;
using System.Net.Sockets;
using Npgsql;

namespace BarberPro.Core.Persistence;

/// <summary>
/// The one way the stores open a write transaction, and the one test of "the database did not answer".
/// </summary>
public static class DurableTransaction
{
    /// <summary>
    /// Begins a transaction whose commit returns only once its WAL record is flushed (<c>synchronous_commit = on</c>,
    /// set LOCAL so it holds whatever the server, database or role says). A change the user sees acknowledged must
    /// survive a crash of PostgreSQL: with <c>off</c>, a kill -9 of the server lost 2 to 11 acknowledged (and already
    /// pushed) checklist changes per crash, and the pages that had shown them kept versions the database no longer had.
    /// </summary>
    public static async Task<NpgsqlTransaction> BeginDurableTransactionAsync(this NpgsqlConnection connection,
        CancellationToken cancellationToken, IsolationLevel isolationLevel = IsolationLevel.ReadCommitted)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(isolationLevel, cancellationToken);
        try
        {
            await using var durable = new NpgsqlCommand("SET LOCAL synchronous_commit = on", connection, transaction);
            await durable.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Connection-level failures (server down, network, timeouts) as opposed to errors the server reported about the
    /// statement itself, which are bugs and must surface as such.
    /// </summary>
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        PostgresException pg => pg.IsTransient,
        NpgsqlException => true,
        TimeoutException or SocketException => true,
        _ => false,
    };
}
