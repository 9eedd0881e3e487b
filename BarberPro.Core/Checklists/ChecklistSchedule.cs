using System.Globalization;
using BarberPro.Core.Time;

namespace BarberPro.Core.Checklists;

public enum ChecklistCadence
{
    Daily,
    Weekly,
}

/// <summary>The period a run covers: one Argentina day, or one Argentina week from Monday to Sunday.</summary>
public readonly record struct ChecklistPeriod(ChecklistCadence Cadence, DateOnly Start)
{
    /// <summary>The last Argentina date inside the period.</summary>
    public DateOnly End => Cadence == ChecklistCadence.Daily ? Start : Start.AddDays(6);

    /// <summary>The period that holds <paramref name="instant"/> in Argentina time.</summary>
    public static ChecklistPeriod Containing(ChecklistCadence cadence, DateTimeOffset instant)
    {
        var date = ArgentinaTime.DateOf(instant);
        return new ChecklistPeriod(cadence, cadence == ChecklistCadence.Daily ? date : ArgentinaTime.WeekStart(date));
    }
}

/// <summary>When a section is due, and whether it is overdue: pure functions of the run's period and an instant.</summary>
public static class ChecklistSchedule
{
    /// <summary>
    /// The instant a section is due. A due time (ART) applies on the section's day: the run's day for daily runs, or
    /// the section's weekday inside the run's week. A section "throughout the day" (no due time) is due at the end of
    /// its day, i.e. at 00:00 ART of the next day.
    /// </summary>
    public static DateTimeOffset DueAt(ChecklistPeriod period, TimeOnly? dueTime, int? isoWeekday)
    {
        var day = period.Cadence == ChecklistCadence.Weekly && isoWeekday is { } weekday
            ? period.Start.AddDays(Math.Clamp(weekday, 1, 7) - 1)
            : period.Start;
        if (period.Cadence == ChecklistCadence.Weekly && isoWeekday is null)
        {
            // A weekly section without a weekday is due by the end of the week.
            day = period.End;
        }
        return dueTime is { } time ? ArgentinaTime.ToInstant(day, time) : ArgentinaTime.StartOfDay(day.AddDays(1));
    }

    /// <summary>Past its due instant with at least one open item.</summary>
    public static bool IsOverdue(DateTimeOffset now, DateTimeOffset dueAt, int openItems) => openItems > 0 && now >= dueAt;

    /// <summary>"Due 09:00 ART", "Throughout the day", "Wednesday" and so on, for the page.</summary>
    public static string DueLabel(ChecklistCadence cadence, TimeOnly? dueTime, int? isoWeekday)
    {
        var time = dueTime is { } t ? t.ToString("HH:mm", CultureInfo.InvariantCulture) + " ART" : null;
        if (cadence == ChecklistCadence.Weekly && isoWeekday is { } weekday)
        {
            var name = ((DayOfWeek)(weekday % 7)).ToString();
            return time is null ? name : $"{name}, due {time}";
        }
        return time is null ? "Throughout the day" : $"Due {time}";
    }
}
