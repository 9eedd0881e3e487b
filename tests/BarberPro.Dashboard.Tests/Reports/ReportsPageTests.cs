using BarberPro.Core.Persistence;
using BarberPro.Core.Reports;
using BarberPro.Core.Security;
using System.Text.Json;
using BarberPro.Dashboard.Charts;
using BarberPro.Dashboard.Localization;
using BarberPro.Dashboard.Reports;
using BarberPro.Dashboard.Tests.Infrastructure;
using BarberPro.Dashboard.Tests.Localization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>The reports list and "Generate now" (bUnit, real database): the role is checked again in the handler.</summary>
public sealed class ReportsPageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = new DateTimeOffset(2031, 6, 12, 14, 30, 20, TimeSpan.FromHours(-3)).ToUniversalTime();
    private readonly BunitContext _context = new();
    private readonly FakeReportSource _source = new();
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private BunitAuthorizationContext _authorization = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("reportspage");
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var clock = new ManualTimeProvider(s_now);
        var store = new ReportStore(_dataSource);
        _context.Services.AddMudServices();
        _context.Services.AddDashboardStrings();
        _context.Services.AddSingleton(store);
        _context.Services.AddSingleton(new ReportService(store, _source, new ReportEvidence(store, clock), clock, NullLogger<ReportService>.Instance));
        _context.Services.AddLogging();
        _context.Services.AddSingleton(_dataSource);
        _context.Services.AddSingleton<BarberPro.Dashboard.Security.SecurityAudit>();
        _context.Services.AddScoped<BarberPro.Dashboard.Security.CircuitAccess>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _authorization = _context.AddAuthorization();
        _authorization.SetAuthorized("ana");
        foreach (var day in new[] { 10, 11 })
        {
            var period = ReportPeriod.Daily(new DateOnly(2031, 6, day));
            await store.InsertAsync(period, FakeReportSource.Content(period), period.End, ReportAuthors.System, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    private void SetRole(string role)
    {
        _authorization.SetPolicies(Roles.AtLeast(Roles.Manager).Contains(role) ? [Policies.View, Policies.Tick, Policies.Manage] : [Policies.View]);
        _authorization.SetRoles(role);
    }

    [Fact]
    public void TheList_ShowsStoredReportsNewestFirst_AndSearchesByDate()
    {
        SetRole(Roles.Viewer);
        var page = _context.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-report-id]").Count));

        Assert.Equal(["Daily performance report, Wed 11 Jun 2031", "Daily performance report, Tue 10 Jun 2031"],
            page.FindAll("[data-report-id] a").Select(a => a.TextContent.Trim()));

        _context.Services.GetRequiredService<NavigationManager>().NavigateTo(ReportPaths.ListOn(new DateOnly(2031, 6, 10)));
        var filtered = _context.Render<ReportsPage>();
        filtered.WaitForAssertion(() => Assert.Equal("Daily performance report, Tue 10 Jun 2031", filtered.Find("[data-report-id] a").TextContent.Trim()));
        Assert.Single(filtered.FindAll("[data-report-id]"));
    }

    [Fact]
    public async Task AViewer_GetsNoGenerateButton_AndTheHandlerCalledAnyway_GeneratesNothing()
    {
        SetRole(Roles.Viewer);
        var page = _context.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-report-id]").Count));

        Assert.Empty(page.FindAll("[data-testid=generate-now]"));
        await page.InvokeAsync(() => page.Instance.GenerateNowAsync());

        Assert.Equal(0, _source.Calls);
        Assert.Equal(2L, await CountAsync());
    }

    [Fact]
    public async Task AManager_GeneratesTodaysReportNow_AndLandsOnIt()
    {
        SetRole(Roles.Manager);
        var page = _context.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=generate-now]")));

        await page.InvokeAsync(() => page.Instance.GenerateNowAsync());

        Assert.Equal(1, _source.Calls);
        await using var command = _dataSource.CreateCommand("SELECT id, kind, generated_by, period_end FROM dashboard.reports WHERE kind = 'ondemand'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("ondemand", "ana", new DateTimeOffset(2031, 6, 12, 17, 30, 0, TimeSpan.Zero)),
            (reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        Assert.EndsWith(ReportPaths.Of(reader.GetInt64(0)), _context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReportsPage_DrawsTheChartsStoredWithIt_NotWhatTheSourcesSayNow()
    {
        SetRole(Roles.Manager);
        var reports = _context.Services.GetRequiredService<ReportService>();
        var id = await reports.GenerateNowAsync("ana", CancellationToken.None);
        // Prometheus would answer something else now: the page must not ask again.
        _source.Make = period => FakeReportSource.Content(period) with { Charts = [FakeReportSource.Throughput(period, [1, 2, 3], [4, 5, 6])] };
        var module = _context.JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;

        var page = _context.Render<ReportPage>(p => p.Add(x => x.Id, id));

        module.WaitForCalls("draw", 1);
        var options = JsonDocument.Parse((string)module.Invocations["draw"][0].Arguments[1]!).RootElement;
        Assert.Equal("report-chart-throughput", options.GetProperty("chart").GetProperty("id").GetString());
        Assert.Equal(["requests/s", "requests/s, day before"], options.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([1250, null, 1180.5], Values(options, 0));
        Assert.Equal([1100, 1120, null], Values(options, 1));
        Assert.Equal([8500.0, 12000.0], options.GetProperty("annotations").GetProperty("yaxis").EnumerateArray().Select(a => a.GetProperty("y").GetDouble()));
        Assert.Equal("requests/s", options.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("Highest 1,250 requests/s at Thu 12 Jun 00:00 ART; previous period 1,120 requests/s at Wed 11 Jun 00:05 ART.",
            page.Find("[data-report-chart=throughput] [data-chart-summary]").TextContent.Trim());
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task AReportStoredBeforeChartsWereKept_SaysSo_AndDrawsNothing()
    {
        SetRole(Roles.Viewer);
        var period = ReportPeriod.Daily(new DateOnly(2031, 6, 9));
        var (id, _) = await _context.Services.GetRequiredService<ReportStore>().InsertAsync(period,
            FakeReportSource.Content(period) with { Charts = null }, period.End, ReportAuthors.System, CancellationToken.None);
        var module = _context.JSInterop.SetupModule(ApexChart.ModulePath);

        var page = _context.Render<ReportPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=report-no-charts]")));
        Assert.Empty(page.FindAll("[data-report-chart]"));
        Assert.Empty(module.Invocations["draw"]);
    }

    [Fact]
    public async Task AReportsIncidentSection_ListsEachIncidentWithItsTimeToResolve_LinksToIt_AndComparesTheMean()
    {
        SetRole(Roles.Viewer);
        var period = ReportPeriod.Daily(new DateOnly(2031, 6, 9));
        var (id, _) = await _context.Services.GetRequiredService<ReportStore>().InsertAsync(period,
            FakeReportSource.WithIncidents(period), period.End, ReportAuthors.System, CancellationToken.None);

        var page = _context.Render<ReportPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=report-incident-list] tr[data-incident-id]").Count));
        Assert.Equal("2 opened, 1 resolved in this period. Mean time to resolve: 42 min (previous period: 1 h 5 min).",
            page.Find("[data-testid=incidents-summary]").TextContent.Trim());
        var rows = page.FindAll("[data-testid=report-incident-list] tr[data-incident-id]");
        Assert.Equal(["/incidents/12", "/incidents/13"], rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")));
        Assert.Equal(["#12 Checkout failing", "#13 Slow search"], rows.Select(r => r.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal(["42 min", "—"], rows.Select(r => r.QuerySelector("[data-testid=incident-time-to-resolve]")!.TextContent.Trim()));
        Assert.Equal(
            ["✖ Critical", "Ana Operator", "Mon 9 Jun 10:00 ART", "Mon 9 Jun 10:42 ART"],
            rows[0].QuerySelectorAll("td").Skip(1).Take(4).Select(td => string.Join(' ', td.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal("still open at the end of the period", rows[1].QuerySelectorAll("td")[4].TextContent.Trim());
        Assert.Equal(["42 min", "1 h 5 min", "-23 min"],
            page.FindAll("tr[data-figure=mean_time_to_resolve_s] td").Select(td => td.TextContent.Trim()).Where(t => t.Contains("min", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AReportStoredBeforeIncidentsWereKept_SaysNotRecorded()
    {
        SetRole(Roles.Viewer);
        var period = ReportPeriod.Daily(new DateOnly(2031, 6, 8));
        var (id, _) = await _context.Services.GetRequiredService<ReportStore>().InsertAsync(period,
            FakeReportSource.Content(period), period.End, ReportAuthors.System, CancellationToken.None);

        var page = _context.Render<ReportPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Not recorded: this report was stored before incidents were kept with reports.", page.Find("[data-testid=incidents-not-recorded]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=report-incident-list]"));
    }

    [Fact]
    public async Task InSpanish_TheListAndAStoredReport_ReadSpanish_WithTheSameFiguresInArgentineNumbers()
    {
        using var culture = CultureScope.Use("es-AR");
        SetRole(Roles.Manager);
        var period = ReportPeriod.Daily(new DateOnly(2031, 6, 9));
        var (id, _) = await _context.Services.GetRequiredService<ReportStore>().InsertAsync(period,
            FakeReportSource.WithIncidents(period), period.End, ReportAuthors.System, CancellationToken.None);
        var module = _context.JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;

        var list = _context.Render<ReportsPage>();
        list.WaitForAssertion(() => Assert.Equal(3, list.FindAll("[data-report-id]").Count));
        Assert.Equal("Informes de rendimiento", list.Find("h1").TextContent.Trim());
        Assert.Equal("Informe diario de rendimiento, mié 11 jun 2031", list.Find("[data-report-id] a").TextContent.Trim());
        Assert.Equal("Generar ahora", list.Find("[data-testid=generate-now]").TextContent.Trim());
        Assert.Equal("mié 11 jun 18:00 ART por el sistema", list.Find("[data-report-id] td[data-label=Generado]").TextContent.Trim());
        Assert.Equal([], EnglishWords.In(string.Join(" ", list.Nodes.Select(n => n.TextContent))));

        var page = _context.Render<ReportPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal("Informe diario de rendimiento, lun 9 jun 2031", page.Find("[data-testid=report-title]").TextContent.Trim()));
        module.WaitForCalls("draw", 1);

        Assert.Equal("lun 9 jun 2031 00:00 – 18:00 ART · comparado con dom 8 jun 2031 00:00 – 18:00 ART", page.Find("[data-testid=report-period]").TextContent.Trim());
        Assert.Equal(["Disponibilidad (proporción de éxito)", "99,950 %", "≥ 99,9 %", "cumple", "99,910 %", "+0,04 pp"],
            page.FindAll("tr[data-figure=availability] td").Select(td => td.TextContent.Trim()));
        Assert.Equal("2 abiertos, 1 resueltos en este período. Tiempo medio de resolución: 42 min (período anterior: 1 h 5 min).",
            page.Find("[data-testid=incidents-summary]").TextContent.Trim());
        Assert.Equal("ARS 123.456,78", page.Find("[data-testid=report-cities] td[data-label=Ingresos]").TextContent.Trim());
        Assert.Equal("Máximo 1.250 solicitudes/s el lun 9 jun 00:00 ART; período anterior 1.120 solicitudes/s el dom 8 jun 00:05 ART.",
            page.Find("[data-report-chart=throughput] [data-chart-summary]").TextContent.Trim());
        var options = JsonDocument.Parse((string)module.Invocations["draw"][0].Arguments[1]!).RootElement;
        Assert.Equal(["solicitudes/s", "solicitudes/s, día anterior"], options.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([], EnglishWords.In(string.Join(" ", page.Nodes.Select(n => n.TextContent))));
    }

    private static double?[] Values(JsonElement options, int series) =>
        [.. options.GetProperty("series")[series].GetProperty("data").EnumerateArray()
            .Select(p => p[1].ValueKind == JsonValueKind.Null ? (double?)null : p[1].GetDouble())];

    private async Task<long> CountAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM dashboard.reports");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
