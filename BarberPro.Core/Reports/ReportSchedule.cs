using BarberPro.Core.Time;

namespace BarberPro.Core.Reports;

/// <summary>
/// When reports are due: the daily one at 18:00 ART for that day, the Monday–Friday one on Friday at 18:00 ART, the
/// Monday–Sunday one on the next Monday at 06:00 ART. Pure functions of an instant; the scheduler asks which are due
/// (to catch up after downtime) and when the next one is.
/// </summary>
public static class ReportSchedule
{
    /// <summary>Every scheduled period whose time is in (<paramref name="after"/>, <paramref name="now"/>], oldest first.</summary>
    public static IReadOnlyList<ReportPeriod> DueBetween(DateTimeOffset after, DateTimeOffset now)
    {
        if (now <= after)
        {
            return [];
        }
        var due = new List<ReportPeriod>();
        for (var day = ArgentinaTime.DateOf(after).AddDays(-8); day <= ArgentinaTime.DateOf(now); day = day.AddDays(1))
        {
            foreach (var period in PeriodsScheduledOn(day))
            {
                if (period.ScheduledAt is { } at && at > after && at <= now)
                {
                    due.Add(period);
                }
            }
        }
        return [.. due.OrderBy(p => p.ScheduledAt).ThenBy(p => p.Kind)];
    }

    /// <summary>The first scheduled instant after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextAfter(DateTimeOffset now)
    {
        var today = ArgentinaTime.DateOf(now);
        return Enumerable.Range(0, 9)
            .SelectMany(offset => PeriodsScheduledOn(today.AddDays(offset)))
            .Select(p => p.ScheduledAt!.Value)
            .Where(at => at > now)
            .Min();
    }

    /// <summary>The periods whose report is generated on Argentina day <paramref name="day"/>.</summary>
    public static IEnumerable<ReportPeriod> PeriodsScheduledOn(DateOnly day)
    {
        yield return ReportPeriod.Daily(day);
        if (day.DayOfWeek == DayOfWeek.Friday)
        {
            yield return ReportPeriod.WorkWeek(day);
        }
        if (day.DayOfWeek == DayOfWeek.Monday)
        {
            yield return ReportPeriod.Week(day.AddDays(-7));
        }
    }
}
