using System.Text.Json;
using BarberPro.Core.Charts;
using BarberPro.Core.Live;
using BarberPro.Core.Reports;

namespace BarberPro.Core.Tests.Reports;

public sealed class ReportChartsTests
{
    private static readonly DateOnly s_wednesday = new(2031, 6, 11);
    private static readonly TimeSpan s_scrape = TimeSpan.FromSeconds(15);

    [Fact]
    public void ADailyReport_KeepsFiveMinuteSteps_217ValuesFromMidnightTo1800Art()
    {
        var window = ReportChartPlan.Window(ReportPeriod.Daily(s_wednesday), s_scrape);

        Assert.Equal(TimeSpan.FromMinutes(5), window.Step);
        Assert.Equal(new DateTimeOffset(2031, 6, 11, 3, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2031, 6, 11, 21, 0, 0, TimeSpan.Zero), window.End);
        Assert.Equal(217, window.PointCount);
        Assert.Equal(TimeSpan.FromSeconds(315), window.RateWindow);
    }

    [Fact]
    public void WeeklyReports_KeepThirtyMinuteSteps()
    {
        var workWeek = ReportChartPlan.Window(ReportPeriod.WorkWeek(s_wednesday), s_scrape);
        var week = ReportChartPlan.Window(ReportPeriod.Week(s_wednesday), s_scrape);

        Assert.Equal((TimeSpan.FromMinutes(30), 229), (workWeek.Step, workWeek.PointCount));
        Assert.Equal((TimeSpan.FromMinutes(30), 337), (week.Step, week.PointCount));
    }

    [Fact]
    public void AnOnDemandReport_EndsAtTheLastWholeStepBeforeItsMinute()
    {
        var period = ReportPeriod.OnDemand(new DateTimeOffset(2031, 6, 11, 17, 33, 40, TimeSpan.Zero));

        var window = ReportChartPlan.Window(period, s_scrape);

        Assert.Equal(new DateTimeOffset(2031, 6, 11, 17, 30, 0, TimeSpan.Zero), window.End);
        Assert.Equal(new DateTimeOffset(2031, 6, 11, 3, 0, 0, TimeSpan.Zero), window.Start);
    }

    [Fact]
    public void TheReportCharts_AreTheDashboardsChartLines_WithTheConfiguredTargets()
    {
        var t = new ThresholdOptions();

        Assert.Equal(["requests/s", "p95", "5xx", "running"], ReportChartPlan.Charts.Select(c => c.Line.Name));
        var errors = ReportChartPlan.Charts.Single(c => c.Key == ChartKeys.Errors).Targets(t);
        Assert.Equal([(0.1, "SLA 99.9 %: 5xx ≤ 0.1 %", false), (1.0, "HighErrorRate alert 1.0 %", true)],
            errors.Select(x => (Math.Round(x.Value, 6), x.Label, x.Critical)));
        Assert.Equal((100.0, "p95 target 100 ms"), ReportChartPlan.Charts.Single(c => c.Key == ChartKeys.Latency).Targets(t).Select(x => (x.Value, x.Label)).Single());
    }

    [Fact]
    public void TheShapedChart_PutsThePreviousDayOnTodaysAxis_Lighter_WithTargetsInsideTheAxis()
    {
        var chart = Chart([100, null, 300], [90, 95, 99]);

        var options = ReportChartShaper.Shape(chart);

        var today = ChartTime.AxisMilliseconds(chart.Start);
        Assert.Equal(["requests/s", "requests/s, day before"], options.Series.Select(s => s.Name));
        Assert.Equal([new ApexPoint(today, 100), new ApexPoint(today + 300_000, null), new ApexPoint(today + 600_000, 300)], options.Series[0].Data);
        Assert.Equal([new ApexPoint(today, 90), new ApexPoint(today + 300_000, 95), new ApexPoint(today + 600_000, 99)], options.Series[1].Data);
        Assert.Equal([ReportChartShaper.CurrentColor, ReportChartShaper.PreviousColor], options.Colors);
        Assert.Equal(12000 * 1.1, options.Yaxis.Max!.Value, 6);
        Assert.Equal([8500.0, 12000.0], options.Annotations.Yaxis.Select(a => a.Y));
        Assert.Contains("\"colors\":[\"#1c5fb8\",\"#9fb6dc\"]", options.ToJson(), StringComparison.Ordinal);
    }

    /// <summary>What the summary sentence is made of (its words are the dashboard's: ReportWordsTests).</summary>
    [Fact]
    public void TheHighestValue_AndItsTime_AreFoundPerLine_AndNumbersFollowTheReader()
    {
        var chart = Chart([100, null, 300], [90, 95, 99]);

        Assert.Equal((300, chart.Start.AddMinutes(10)), ReportChartShaper.Highest(chart, chart.Current));
        Assert.Equal((99, chart.PreviousStart.AddMinutes(10)), ReportChartShaper.Highest(chart, chart.PreviousLine));
        Assert.Null(ReportChartShaper.Highest(chart, null));
        Assert.Null(ReportChartShaper.Highest(chart, new ReportChartLine("x", ReportChartLine.CurrentPeriod, [null, null])));
        Assert.Equal("1,250", ReportChartShaper.Number(chart, 1250, System.Globalization.CultureInfo.GetCultureInfo("en")));
        Assert.Equal("1.250", ReportChartShaper.Number(chart, 1250, System.Globalization.CultureInfo.GetCultureInfo("es-AR")));
        Assert.Equal("0,125", ReportChartShaper.Number(chart with { Unit = "% of requests" }, 0.125, System.Globalization.CultureInfo.GetCultureInfo("es-AR")));
    }

    [Fact]
    public void TheChartsOfADailyReport_StoreInAboutSixteenKilobytes()
    {
        var period = ReportPeriod.Daily(s_wednesday);
        var window = ReportChartPlan.Window(period, s_scrape);
        var previous = ReportChartPlan.Window(period.Previous, s_scrape);
        // Worst case: every step has a value with four decimals (what the range series keeps).
        double?[] Values(double scale) => [.. Enumerable.Range(0, window.PointCount).Select(i => (double?)Math.Round((scale * 1.2345) + (i * 0.1111), 4))];
        var charts = ReportChartPlan.Charts.Select(entry => new ReportChart(entry.Key, entry.Title, entry.Unit, window.Start, window.End, previous.Start, 300,
            [new(entry.Line.Name, ReportChartLine.CurrentPeriod, Values(8000)), new(ReportChartPlan.PreviousName(entry.Line.Name, period), ReportChartLine.PreviousPeriod, Values(8000))],
            entry.Targets(new ThresholdOptions()), null)).ToList();

        var bytes = JsonSerializer.SerializeToUtf8Bytes(charts, new JsonSerializerOptions(JsonSerializerDefaults.Web)).Length;

        Assert.InRange(bytes, 14_000, 20_000);
    }

    private static ReportChart Chart(double?[] today, double?[] before)
    {
        var period = ReportPeriod.Daily(s_wednesday);
        return new ReportChart(ChartKeys.Throughput, "Requests per second", "requests/s", period.Start, period.Start.AddMinutes(10),
            period.Previous.Start, 300,
            [new("requests/s", ReportChartLine.CurrentPeriod, today), new("requests/s, day before", ReportChartLine.PreviousPeriod, before)],
            ReportChartPlan.Charts[0].Targets(new ThresholdOptions()), null);
    }
}
