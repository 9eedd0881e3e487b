using BarberPro.Core.Charts;
using BarberPro.Core.Checklists;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Checklists;

namespace BarberPro.Dashboard.Tests.Checklists;

public sealed class ChecklistHistoryChartTests
{
    [Fact]
    public void Shape_GivesALinePerChecklist_WithEachRunsCompletionAtItsFirstDay_OldestFirst()
    {
        var monday = new DateOnly(2031, 6, 9);
        var runs = new List<ChecklistRunSummary>
        {
            new(3, "daily", "Daily", new(ChecklistCadence.Daily, monday.AddDays(1)), 20, 5, []),
            new(2, "weekly", "Weekly", new(ChecklistCadence.Weekly, monday), 12, 12, []),
            new(1, "daily", "Daily", new(ChecklistCadence.Daily, monday), 20, 20, []),
        };

        var options = ChecklistHistoryChart.Shape(runs);

        Assert.Equal(["Daily checklist", "Weekly checklist"], options.Series.Select(s => s.Name));
        var day = ChartTime.AxisMilliseconds(ArgentinaTime.StartOfDay(monday));
        Assert.Equal([new ApexPoint(day, 100), new ApexPoint(day + 86_400_000, 25)], options.Series[0].Data);
        Assert.Equal([new ApexPoint(day, 100)], options.Series[1].Data);
        Assert.Equal((day, day + 2 * 86_400_000), (options.Xaxis.Min, options.Xaxis.Max));
        Assert.Equal(0, options.Yaxis.Min);
        Assert.Contains("\"type\":\"line\"", options.ToJson(), StringComparison.Ordinal);
    }
}
