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

    /// <summary>"Tue 1 Dec 02:00–04:00 ART" for a window, in Argentina time.</summary>
    public static string Describe(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        ArgentinaTime.DateOf(startsAt) == ArgentinaTime.DateOf(endsAt)
            ? $"{ArgentinaTime.FormatDateTime(startsAt)}–{ArgentinaTime.FormatTime(endsAt)} ART"
            : $"{ArgentinaTime.FormatDateTime(startsAt)} – {ArgentinaTime.FormatDateTime(endsAt)} ART";
}
