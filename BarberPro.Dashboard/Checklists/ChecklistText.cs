using System.Globalization;
using BarberPro.Core.Checklists;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// The checklist pages' labels built from data (periods, due times, "10:02 ART", who changed what) in the reader's
/// language. The hub's API keeps the English ones of <see cref="ChecklistSchedule"/> and <see cref="ChecklistItemDto"/>.
/// </summary>
public static class ChecklistText
{
    /// <summary>"Monday 3 March 2026" / "lunes 3 de marzo de 2026"; a week: "Week of 2 Mar – 8 Mar 2026".</summary>
    public static string PeriodLabel(ChecklistPeriod period, IStringLocalizer<Strings> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var culture = Languages.Current;
        var spanish = Languages.IsSpanish(culture);
        var format = spanish ? CultureInfo.GetCultureInfo(Languages.SpanishArgentina) : CultureInfo.InvariantCulture;
        return period.Cadence == ChecklistCadence.Daily
            ? period.Start.ToString(spanish ? "dddd d 'de' MMMM 'de' yyyy" : "dddd d MMMM yyyy", format)
            : strings["Checklists_WeekOf", period.Start.ToString("d MMM", format), period.End.ToString("d MMM yyyy", format)];
    }

    /// <summary>"Due 10:00 ART", "Monday, due 12:00 ART", "Throughout the day" in the reader's language.</summary>
    public static string DueLabel(ChecklistCadence cadence, TimeOnly? dueTime, int? isoWeekday, IStringLocalizer<Strings> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var time = dueTime is { } t ? t.ToString("HH:mm", CultureInfo.InvariantCulture) + " ART" : null;
        if (cadence == ChecklistCadence.Weekly && isoWeekday is { } weekday)
        {
            var name = WeekdayName((DayOfWeek)(weekday % 7));
            return time is null ? name : strings["Checklists_WeekdayDue", name, time];
        }
        return time is null ? strings["Checklists_ThroughoutTheDay"] : strings["Checklists_Due", time];
    }

    /// <summary>"10:02 ART" today (Argentina date), "Mon 3 Mar 10:02 ART" / "lun 3 mar 10:02 ART" otherwise.</summary>
    public static string? TimeLabel(DateTimeOffset? at, DateTimeOffset now) => at is not { } instant
        ? null
        : (ArgentinaTime.DateOf(instant) == ArgentinaTime.DateOf(now)
            ? ArgentinaTime.FormatTime(instant)
            : ArgentinaTime.FormatDateTime(instant, Languages.Current)) + " ART";

    /// <summary>"Bruno ticked this at 10:02 ART" and the like, for the item's last change.</summary>
    public static string ChangedInfo(string by, string? kind, string? at, IStringLocalizer<Strings> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        var key = kind switch
        {
            "tick" => "Checklists_ChangedTick",
            "untick" => "Checklists_ChangedUntick",
            "note" => "Checklists_ChangedNote",
            _ => "Checklists_Changed",
        };
        return strings[key, by, at ?? ""];
    }

    /// <summary><see cref="ChecklistChangeResult.Message"/> in the reader's language: who changed the item meanwhile
    /// (a stale change), or that nothing was to change.</summary>
    public static string? OutcomeMessage(ChecklistChangeResult result, IStringLocalizer<Strings> strings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(strings);
        return result.Outcome switch
        {
            ChecklistChangeOutcome.Stale => result.Item.ChangedBy is { } by && result.Item.ChangedAt is { } at
                ? strings[result.Item.ChangeKind switch
                {
                    "tick" => "Checklists_StaleTick",
                    "untick" => "Checklists_StaleUntick",
                    "note" => "Checklists_StaleNote",
                    _ => "Checklists_StaleChanged",
                }, by, ArgentinaTime.FormatTime(at)].Value
                : strings["Checklists_StaleUnknown"].Value,
            ChecklistChangeOutcome.Unchanged => strings["Checklists_Unchanged"].Value,
            _ => null,
        };
    }

    private static string WeekdayName(DayOfWeek day) => Languages.IsSpanish(Languages.Current)
        ? CultureInfo.GetCultureInfo(Languages.SpanishArgentina).DateTimeFormat.GetDayName(day)
        : day.ToString();
}
