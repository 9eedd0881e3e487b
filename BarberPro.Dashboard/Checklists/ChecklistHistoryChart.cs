using BarberPro.Core.Charts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Localization;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// The history's completion chart, shaped in C# for <c>ApexChart</c>: one line per checklist (daily, weekly), a point
/// per run at its period's first day (ART), its completion in percent, labelled in the reader's language (English
/// without a localizer). The module only draws it.
/// </summary>
public static class ChecklistHistoryChart
{
    public const string Key = "checklist-completion";

    public static ApexOptions Shape(IReadOnlyList<ChecklistRunSummary> runs, IStringLocalizer<Strings>? strings = null)
    {
        string Text(string key, string english) => strings is null ? english : strings[key];
        ArgumentNullException.ThrowIfNull(runs);
        var series = runs
            .GroupBy(r => r.Period.Cadence)
            .OrderBy(g => g.Key)
            .Select(g => new ApexSeries(
                g.Key == ChecklistCadence.Daily ? Text("Checklists_DailyChecklist", "Daily checklist") : Text("Checklists_WeeklyChecklist", "Weekly checklist"),
                g.OrderBy(r => r.Period.Start).Select(r => new ApexPoint(At(r.Period.Start), r.CompletionPercent)).ToList()))
            .ToList();
        var days = runs.Select(r => r.Period.Start).DefaultIfEmpty(DateOnly.MinValue).ToList();
        var min = runs.Count == 0 ? 0 : At(days.Min());
        var max = runs.Count == 0 ? 0 : At(days.Max().AddDays(1));
        return new ApexOptions(
            new ApexChartSettings(Key, "line", 260),
            series,
            new ApexXAxis(min, max, new ApexTitle(Text("Checklists_PeriodStart", "Period start (ART)"))),
            new ApexYAxis(0, new ApexTitle(Text("Checklists_CompletedPercent", "Completed (%)")), 0),
            new ApexAnnotations([], []))
        {
            NoData = new ApexNoData(Text("Checklists_NoRuns", "No runs yet")),
            Tooltip = new ApexTooltip(new ApexTooltipX("ddd dd MMM")),
        };
    }

    /// <summary>A period's first day at 00:00 ART, on the charts' axis (Argentina wall-clock time read as UTC).</summary>
    private static long At(DateOnly day) => ChartTime.AxisMilliseconds(ArgentinaTime.StartOfDay(day));
}
