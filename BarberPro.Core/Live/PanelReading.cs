using BarberPro.Core.Text;
namespace BarberPro.Core.Live;

/// <summary>What one successful read of a panel's source produced.</summary>
public sealed record PanelReading(
    DateTimeOffset AsOf,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<AlertItem>? Alerts = null,
    IReadOnlyList<ScaleEvent>? ScaleEvents = null,
    AlertingStatus? Alerting = null);

/// <summary>
/// The source of one panel. <see cref="ReadAsync"/> throws when the source cannot give current data (unreachable,
/// broken, or no series at all); the poller then keeps the panel's last good reading and marks it stale.
/// </summary>
public interface IPanelSource
{
    string Key { get; }

    string Title { get; }

    /// <summary>How often this source is read: the poll interval, or a multiple for slow sources.</summary>
    TimeSpan? Interval => null;

    Task<PanelReading> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A source answered, but with nothing usable (no series, NaN where a number is needed).</summary>
/// <param name="words">The message as a phrase, so each language's view says it; the message is its English.</param>
public sealed class PanelDataException(string message, Phrase? words = null) : Exception(message)
{
    public PanelDataException(Phrase words)
        : this(words?.ToString() ?? "", words)
    {
    }

    public Phrase? Words { get; } = words;
}
