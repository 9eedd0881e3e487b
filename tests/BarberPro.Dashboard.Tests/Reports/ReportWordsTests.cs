using System.Globalization;
using System.Reflection;
using BarberPro.Core.Charts;
using BarberPro.Core.Reports;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Reports;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>
/// The words of a stored report in each language: the figures and ranges stay as stored, the words and the number and
/// date formats follow the reader.
/// </summary>
public sealed class ReportWordsTests : IDisposable
{
    private static readonly ReportPeriod s_period = ReportPeriod.Daily(new DateOnly(2031, 6, 11));
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddDashboardStrings().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private ReportWords Words(string language) =>
        new(_services.GetRequiredService<IStringLocalizer<Strings>>(), CultureInfo.GetCultureInfo(language));

    private static ReportFigure Availability => FakeReportSource.Content(s_period).Figures[0];

    [Fact]
    public void InEnglish_TheWordsAreTheOnesReportsAlwaysHad()
    {
        using var culture = CultureScope.Use("en");
        var w = Words("en");
        var chart = FakeReportSource.Throughput(s_period, [1250, null, 1180.5], [1100, 1120, null]);

        Assert.Equal("Daily performance report, Wed 11 Jun 2031", w.Title(s_period));
        Assert.Equal("Wed 11 Jun 2031 00:00 – 18:00 ART", w.Range(s_period));
        Assert.Equal(("Availability (success ratio)", "Availability", "99.950 %", "99.910 %", "+0.04 pt", "pass", "≥ 99.9 %"),
            (w.Label(Availability), w.Group(Availability.Group), w.Display(Availability), w.PreviousDisplay(Availability), w.Change(Availability),
                w.Verdict(Availability), w.Target(Availability.Target)));
        Assert.Equal("Highest 1,250 requests/s at Wed 11 Jun 00:00 ART; previous period 1,120 requests/s at Tue 10 Jun 00:05 ART.", w.ChartSummary(chart));
        Assert.Equal("No data in this period.", w.ChartSummary(FakeReportSource.Throughput(s_period, [null, null, null], [1, 2, 3])));
        Assert.Equal("No chart: Prometheus did not answer: timeout", w.ChartSummary(chart with { Lines = [], Error = "Prometheus did not answer: timeout" }));
        Assert.Equal(["sustained capacity 8,500 rps", "peak capacity 12,000 rps"], chart.Targets.Select(w.ChartTarget));
        Assert.Equal("2 opened, 1 resolved in this period. Mean time to resolve: 42 min (previous period: 1 h 5 min).",
            w.IncidentSummary(FakeReportSource.WithIncidents(s_period)));
    }

    [Fact]
    public void InSpanish_TheSameStoredReport_ReadsSpanish_WithItsNumbersWrittenTheArgentineWay()
    {
        using var culture = CultureScope.Use("es-AR");
        var w = Words("es-AR");
        var chart = FakeReportSource.Throughput(s_period, [1250, null, 1180.5], [1100, 1120, null]);
        var content = FakeReportSource.WithIncidents(s_period);

        Assert.Equal("Informe diario de rendimiento, mié 11 jun 2031", w.Title(s_period));
        Assert.Equal("Informe semanal de rendimiento (lun–dom), lun 9 jun 2031 – dom 15 jun 2031", w.Title(ReportPeriod.Week(s_period.FirstDay)));
        Assert.Equal("mié 11 jun 2031 00:00 – 18:00 ART", w.Range(s_period));
        Assert.Equal("lun 9 jun 2031 00:00 – lun 16 jun 2031 00:00 ART", w.Range(ReportPeriod.Week(s_period.FirstDay)));
        Assert.Equal(("Disponibilidad (proporción de éxito)", "Disponibilidad", "99,950 %", "99,910 %", "+0,04 pp", "cumple", "≥ 99,9 %"),
            (w.Label(Availability), w.Group(Availability.Group), w.Display(Availability), w.PreviousDisplay(Availability), w.Change(Availability),
                w.Verdict(Availability), w.Target(Availability.Target)));
        Assert.Equal("sin datos", w.Display(content.Figures[2]));
        Assert.Equal(("≤ 1.200 rps", "0", "≤ 100 %"), (w.Target("≤ 1,200 rps"), w.Target("0"), w.Target("≤ 100 %")));
        Assert.Equal("US$ 1.234,50", w.Display(new ReportFigure(ReportFigureKeys.ComputeCost, "Cost", "x", ReportUnits.Usd, 1234.5, null, null, null)));
        Assert.Equal("1.234,5 rps", w.Display(new ReportFigure(ReportFigureKeys.RequestsPeak, "Throughput", "x", ReportUnits.RequestsPerSecond, 1234.5, null, null, null)));
        Assert.Equal("ARS 123.456,78", w.Ars(123456.78m));
        Assert.Equal("Máximo 1.250 solicitudes/s el mié 11 jun 00:00 ART; período anterior 1.120 solicitudes/s el mar 10 jun 00:05 ART.", w.ChartSummary(chart));
        Assert.Equal(["capacidad sostenida 8.500 rps", "capacidad pico 12.000 rps"], chart.Targets.Select(w.ChartTarget));
        Assert.Equal(["SLA 99,9 %: 5xx ≤ 0,5 %", "alerta HighErrorRate 1,0 %", "objetivo p95 300 ms"],
            new[] { "SLA 99.9 %: 5xx ≤ 0.5 %", "HighErrorRate alert 1.0 %", "p95 target 300 ms" }.Select(label => w.ChartTarget(new ReportChartTarget(1, label, false))));
        var labels = w.ChartLabels(chart, s_period);
        Assert.Equal(("solicitudes/s", "solicitudes/s, día anterior", "Hora de Argentina (ART)"), (labels.CurrentName, labels.PreviousName, labels.TimeAxis));
        Assert.Equal("2 abiertos, 1 resueltos en este período. Tiempo medio de resolución: 42 min (período anterior: 1 h 5 min).", w.IncidentSummary(content));
        Assert.Equal("#12 Checkout failing · ✖ Crítica · responsable Ana Operator · abierto mié 11 jun 10:00 ART · resuelto mié 11 jun 10:42 ART (42 min hasta resolverlo) · /incidents/12",
            w.IncidentLine(content.Incidents!.Incidents[0]));
        Assert.Equal("HighLatency: disparada 14 min", w.AlertLine(content.Alerts[0]));
    }

    /// <summary>A figure whose key this version does not name keeps the label it was stored with; every key it knows has its words.</summary>
    [Fact]
    public void EveryFigureKey_HasItsOwnWords_AndAnUnknownOneKeepsItsStoredLabel()
    {
        using var culture = CultureScope.Use("es-AR");
        var w = Words("es-AR");
        var keys = typeof(ReportFigureKeys).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(26, keys.Count);
        Assert.Equal([], keys.Where(key => w.Label(new ReportFigure(key, "g", "STORED", ReportUnits.Count, 1, 1, null, null)) == "STORED"));
        Assert.Equal("Something new", w.Label(new ReportFigure("something_new", "g", "Something new", ReportUnits.Count, 1, 1, null, null)));
        Assert.Equal([], ReportChartPlan.Charts.Where(entry => w.ChartTitle(new ReportChart(entry.Key, entry.Title, entry.Unit, s_period.Start, s_period.End,
            s_period.Previous.Start, 300, [], [], null)) == entry.Title).Select(entry => entry.Key));
    }
}
