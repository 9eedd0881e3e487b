using System.Globalization;
using BarberPro.Core.Time;
using BarberPro.Core.Text;

namespace BarberPro.Core.Reports;

/// <summary>What a report covers. Stored as its <see cref="ReportKinds"/> name.</summary>
public enum ReportKind
{
    /// <summary>One Argentina day, 00:00 to 18:00 ART, generated at 18:00 ART.</summary>
    Daily,

    /// <summary>Monday 00:00 to Friday 18:00 ART, generated on Friday at 18:00 ART.</summary>
    WorkWeek,

    /// <summary>Monday 00:00 to the next Monday 00:00 ART, generated on that next Monday at 06:00 ART.</summary>
    Week,

    /// <summary>"Generate now": today from 00:00 ART to the minute a Manager asked for it.</summary>
    OnDemand,
}

/// <summary>The names of <see cref="ReportKind"/> as stored in <c>dashboard.reports.kind</c> and used in URLs and CSV.</summary>
public static class ReportKinds
{
    public const string Daily = "daily";
    public const string WorkWeek = "workweek";
    public const string Week = "week";
    public const string OnDemand = "ondemand";

    public static string Name(ReportKind kind) => kind switch
    {
        ReportKind.Daily => Daily,
        ReportKind.WorkWeek => WorkWeek,
        ReportKind.Week => Week,
        ReportKind.OnDemand => OnDemand,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ReportKind Parse(string name) => name switch
    {
        Daily => ReportKind.Daily,
        WorkWeek => ReportKind.WorkWeek,
        Week => ReportKind.Week,
        OnDemand => ReportKind.OnDemand,
        _ => throw new FormatException($"'{name}' is not a report kind."),
    };
}

/// <summary>
/// The exact range of a report as UTC instants [<see cref="Start"/>, <see cref="End"/>), computed from Argentina
/// calendar days with the time-zone database (<see cref="ArgentinaTime"/>), never a fixed offset.
/// <see cref="FirstDay"/>..<see cref="LastDay"/> are the Argentina days it covers (the booking and checklist figures
/// are kept per day). A daily report ends at 18:00 ART, when it is generated, and its previous period ends at 18:00
/// ART the day before, so the two compare the same hours.
/// </summary>
public sealed record ReportPeriod(ReportKind Kind, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>When the scheduler generates daily and Friday reports (ART).</summary>
    public static readonly TimeOnly EveningAt = new(18, 0);

    /// <summary>When the scheduler generates the full-week report, on the Monday after (ART).</summary>
    public static readonly TimeOnly MondayMorningAt = new(6, 0);

    public TimeSpan Length => End - Start;

    public string KindName => ReportKinds.Name(Kind);

    public static ReportPeriod Daily(DateOnly day) =>
        new(ReportKind.Daily, day, day, ArgentinaTime.StartOfDay(day), ArgentinaTime.ToInstant(day, EveningAt));

    /// <summary>Monday to Friday of the Argentina week holding <paramref name="day"/>.</summary>
    public static ReportPeriod WorkWeek(DateOnly day)
    {
        var monday = ArgentinaTime.WeekStart(day);
        var friday = monday.AddDays(4);
        return new(ReportKind.WorkWeek, monday, friday, ArgentinaTime.StartOfDay(monday), ArgentinaTime.ToInstant(friday, EveningAt));
    }

    /// <summary>Monday to Sunday of the Argentina week holding <paramref name="day"/>.</summary>
    public static ReportPeriod Week(DateOnly day)
    {
        var monday = ArgentinaTime.WeekStart(day);
        return new(ReportKind.Week, monday, monday.AddDays(6), ArgentinaTime.StartOfDay(monday), ArgentinaTime.StartOfDay(monday.AddDays(7)));
    }

    /// <summary>Today (ART) from 00:00 to <paramref name="now"/> floored to the minute (PromQL windows are whole).</summary>
    public static ReportPeriod OnDemand(DateTimeOffset now)
    {
        var day = ArgentinaTime.DateOf(now);
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var start = ArgentinaTime.StartOfDay(day);
        if (end <= start)
        {
            end = start.AddMinutes(1);
        }
        return new(ReportKind.OnDemand, day, day, start, end);
    }

    /// <summary>The period the figures are compared with: the same hours one day (daily) or one week earlier.</summary>
    public ReportPeriod Previous => Kind switch
    {
        ReportKind.Daily => Daily(FirstDay.AddDays(-1)),
        ReportKind.WorkWeek => WorkWeek(FirstDay.AddDays(-7)),
        ReportKind.Week => Week(FirstDay.AddDays(-7)),
        _ => new(Kind, FirstDay.AddDays(-1), LastDay.AddDays(-1), Start.AddDays(-1), End.AddDays(-1)),
    };

    /// <summary>When the scheduler generates this report (null for on-demand ones).</summary>
    public DateTimeOffset? ScheduledAt => Kind switch
    {
        ReportKind.Daily or ReportKind.WorkWeek => End,
        ReportKind.Week => ArgentinaTime.ToInstant(LastDay.AddDays(1), MondayMorningAt),
        _ => null,
    };

    /// <summary>"Daily report, Mon 30 Nov 2026" and the like, in English (ART calendar).</summary>
    public string Title => Kind switch
    {
        ReportKind.Daily => "Daily performance report, " + Day(FirstDay),
        ReportKind.WorkWeek => "Weekly performance report (Mon–Fri), " + Day(FirstDay) + " – " + Day(LastDay),
        ReportKind.Week => "Weekly performance report (Mon–Sun), " + Day(FirstDay) + " – " + Day(LastDay),
        _ => "Performance report (on demand), " + Day(FirstDay),
    };

    /// <summary>The <see cref="Title"/> as a phrase (the <c>Reports_Title…</c> keys), days named in the reader's language.</summary>
    public Phrase TitleWords => Kind switch
    {
        ReportKind.Daily => Phrase.Of("Reports_TitleDaily", "Daily performance report, {0}", DayIn(FirstDay)),
        ReportKind.WorkWeek => Phrase.Of("Reports_TitleWorkWeek", "Weekly performance report (Mon–Fri), {0} – {1}", DayIn(FirstDay), DayIn(LastDay)),
        ReportKind.Week => Phrase.Of("Reports_TitleWeek", "Weekly performance report (Mon–Sun), {0} – {1}", DayIn(FirstDay), DayIn(LastDay)),
        _ => Phrase.Of("Reports_TitleOnDemand", "Performance report (on demand), {0}", DayIn(FirstDay)),
    };

    /// <summary>"Mon 30 Nov 2026 00:00 – 18:00 ART".</summary>
    public string RangeText => RangeTextIn(CultureInfo.InvariantCulture);

    /// <summary>"Mon 30 Nov 2026 00:00 – 18:00 ART" or "lun 30 nov 2026 00:00 – 18:00 ART": day and month names in the
    /// reader's language (<see cref="ArgentinaTime.Format(DateTimeOffset, string, CultureInfo)"/>).</summary>
    public string RangeTextIn(CultureInfo culture)
    {
        var (from, to) = (ArgentinaTime.ToArgentina(Start), ArgentinaTime.ToArgentina(End));
        var toText = ArgentinaTime.DateOf(End) == FirstDay || (to.TimeOfDay == TimeSpan.Zero && to.Date.AddDays(-1) == from.Date)
            ? to.ToString("HH:mm", CultureInfo.InvariantCulture)
            : ArgentinaTime.Format(End, "ddd d MMM yyyy HH:mm", culture);
        return ArgentinaTime.Format(Start, "ddd d MMM yyyy HH:mm", culture) + " – " + toText + " ART";
    }

    private static InCulture DayIn(DateOnly day) => new(culture => ArgentinaTime.Format(day, "ddd d MMM yyyy", culture));

    private static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
