using System.Globalization;
using BarberPro.Core.Time;

namespace BarberPro.Core.Alerts;

/// <summary>
/// A maintenance window typed in Argentina wall-clock time (a date, a start and an end) turned into the UTC instants
/// Alertmanager stores, through the time-zone database (<see cref="ArgentinaTime.Zone"/>, never a fixed offset): the
/// offset is the one in force on that date. An end at or before the start means the next day (22:00–01:00).
/// </summary>
public static class MaintenanceWindowTime
{
    /// <summary>Longest window accepted (a week: longer than that is not maintenance).</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(7);

    public static (DateTimeOffset StartsAt, DateTimeOffset EndsAt) ToUtc(DateOnly date, TimeOnly start, TimeOnly end)
    {
        var startsAt = ArgentinaTime.ToInstant(date, start);
        var endsAt = ArgentinaTime.ToInstant(end > start ? date : date.AddDays(1), end);
        return (startsAt, endsAt);
    }

    /// <summary>
    /// How the inbox's quick "Silence" begins its comment ("Silenced from the inbox for 1 h"). Every other silence that has
    /// not expired is a maintenance window: planned with the inbox's form (its comment is the reason typed) or made
    /// elsewhere (amtool, Alertmanager's own page).
    /// </summary>
    public const string InboxSilenceCommentPrefix = "Silenced from the inbox";

    /// <summary>Whether <paramref name="silence"/> is a maintenance window (see <see cref="InboxSilenceCommentPrefix"/>).</summary>
    public static bool IsWindow(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return silence.State != SilenceState.Expired && !silence.Comment.StartsWith(InboxSilenceCommentPrefix, StringComparison.Ordinal);
    }

    /// <summary>The windows of <paramref name="silences"/> that overlap the Argentina days [<paramref name="from"/>, <paramref name="to"/>], by start.</summary>
    public static IReadOnlyList<Silence> WindowsOn(IEnumerable<Silence> silences, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(silences);
        var (start, end) = (ArgentinaTime.StartOfDay(from), ArgentinaTime.StartOfDay(to.AddDays(1)));
        return [.. silences.Where(s => IsWindow(s) && s.StartsAt < end && s.EndsAt > start).OrderBy(s => s.StartsAt)];
    }

    /// <summary>"Tue 1 Dec 02:00–04:00 ART" for a window, in Argentina time.</summary>
    public static string Describe(DateTimeOffset startsAt, DateTimeOffset endsAt) => Describe(startsAt, endsAt, CultureInfo.InvariantCulture);

    /// <summary>"Tue 1 Dec 02:00–04:00 ART" (English) or "mar 1 dic 02:00–04:00 ART" (Spanish): in the reader's language.</summary>
    public static string Describe(DateTimeOffset startsAt, DateTimeOffset endsAt, CultureInfo culture) =>
        ArgentinaTime.DateOf(startsAt) == ArgentinaTime.DateOf(endsAt)
            ? $"{ArgentinaTime.FormatDateTime(startsAt, culture)}–{ArgentinaTime.FormatTime(endsAt)} ART"
            : $"{ArgentinaTime.FormatDateTime(startsAt, culture)} – {ArgentinaTime.FormatDateTime(endsAt, culture)} ART";
}
