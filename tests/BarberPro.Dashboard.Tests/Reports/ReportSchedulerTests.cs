using BarberPro.Core.Checklists;
using BarberPro.Core.Persistence;
using BarberPro.Core.Reports;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>The scheduler on the manual clock against a real database, one or two "dashboards" sharing it.</summary>
public sealed class ReportSchedulerTests : IAsyncLifetime
{
    private static readonly DateOnly s_wednesday = new(2031, 6, 11);
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private readonly List<ReportScheduler> _schedulers = [];

    private static DateTimeOffset Art(int day, int hour, int minute = 0) =>
        new DateTimeOffset(2031, 6, day, hour, minute, 0, TimeSpan.FromHours(-3)).ToUniversalTime();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("reports");
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var scheduler in _schedulers)
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task MovingPast1800Art_MakesTheDailyReportAppearExactlyOnce_WithTwoInstancesOnOneDatabase()
    {
        var clock = new ManualTimeProvider(Art(11, 17, 59));
        var source = new FakeReportSource(holdUntilCallers: 2);
        var first = await StartAsync(clock, source, TimeSpan.FromHours(1));
        var second = await StartAsync(clock, source, TimeSpan.FromHours(1));
        await WaitForAsync(() => first.LastCompletedPass is not null && second.LastCompletedPass is not null);
        Assert.Empty(await RowsAsync());

        clock.Set(Art(11, 18, 1));
        await WaitForAsync(() => first.LastCompletedPass >= Art(11, 18, 1) && second.LastCompletedPass >= Art(11, 18, 1));

        var row = Assert.Single(await RowsAsync());
        Assert.Equal(("daily", s_wednesday, s_wednesday, Art(11, 0), Art(11, 18), Art(11, 18, 1), "system"), row);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public async Task StartedAt1900_AfterBeingDownAt1800_GeneratesTheDailyReportThen()
    {
        var clock = new ManualTimeProvider(Art(11, 19));
        var scheduler = await StartAsync(clock, new FakeReportSource(), TimeSpan.FromDays(2));
        await WaitForAsync(() => scheduler.LastCompletedPass is not null);

        var row = Assert.Single(await RowsAsync(), r => r.FirstDay == s_wednesday);
        Assert.Equal(("daily", Art(11, 19)), (row.Kind, row.GeneratedAt));
        Assert.Equal([new DateOnly(2031, 6, 10), s_wednesday], (await RowsAsync()).Select(r => r.FirstDay).Order());
    }

    [Fact]
    public async Task AFridayAndAWeekend_GenerateTheMondayToFridayAndTheFullWeekReports_Once()
    {
        var clock = new ManualTimeProvider(Art(13, 17));
        var scheduler = await StartAsync(clock, new FakeReportSource(), TimeSpan.FromHours(1));
        await WaitForAsync(() => scheduler.LastCompletedPass is not null);

        clock.Set(Art(16, 7));
        await WaitForAsync(() => scheduler.LastCompletedPass >= Art(16, 7));

        Assert.Equal(
            ["daily 13", "workweek 9-13", "daily 14", "daily 15", "week 9-15"],
            (await RowsAsync()).Select(r => r.Kind == "daily" ? $"daily {r.FirstDay.Day}" : $"{r.Kind} {r.FirstDay.Day}-{r.LastDay.Day}"));
    }

    [Fact]
    public async Task TheDailyReportItem_ShowsTodaysReportAsEvidence_PassingOnceItExists()
    {
        var clock = new ManualTimeProvider(Art(11, 17, 59));
        var evidence = new ReportEvidence(new ReportStore(_dataSource), clock);
        var scheduler = await StartAsync(clock, new FakeReportSource(), TimeSpan.FromHours(1), evidence);
        await WaitForAsync(() => scheduler.LastCompletedPass is not null);
        var before = await evidence.GetEvidenceAsync([ChecklistEvidenceKeys.DailyReport, ChecklistEvidenceKeys.WeeklyReport], default);

        clock.Set(Art(11, 18, 1));
        await WaitForAsync(() => scheduler.LastCompletedPass >= Art(11, 18, 1));
        var after = await evidence.GetEvidenceAsync([ChecklistEvidenceKeys.DailyReport, ChecklistEvidenceKeys.WeeklyReport], default);

        Assert.Equal(("Not generated yet: Daily performance report, Wed 11 Jun 2031", false), (before[ChecklistEvidenceKeys.DailyReport].Figure, before[ChecklistEvidenceKeys.DailyReport].Passed));
        var id = await ScalarAsync("SELECT id FROM dashboard.reports WHERE kind = 'daily'");
        Assert.Equal(($"Report #{id}: Daily performance report, Wed 11 Jun 2031", true), (after[ChecklistEvidenceKeys.DailyReport].Figure, after[ChecklistEvidenceKeys.DailyReport].Passed));
        Assert.Equal("generated Wed 11 Jun 18:00 ART", after[ChecklistEvidenceKeys.DailyReport].Target);
        Assert.False(after[ChecklistEvidenceKeys.WeeklyReport].Passed);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<ReportScheduler> StartAsync(ManualTimeProvider clock, IReportSource source, TimeSpan catchUp, ReportEvidence? evidence = null)
    {
        var service = new ReportService(new ReportStore(_dataSource), source, evidence ?? new ReportEvidence(new ReportStore(_dataSource), clock), clock, NullLogger<ReportService>.Instance);
        var scheduler = new ReportScheduler(service, clock, Options.Create(new ReportOptions { CatchUp = catchUp }), NullLogger<ReportScheduler>.Instance);
        _schedulers.Add(scheduler);
        await scheduler.StartAsync(CancellationToken.None);
        return scheduler;
    }

    private async Task<List<(string Kind, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset GeneratedAt, string By)>> RowsAsync()
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT kind, first_day, last_day, period_start, period_end, generated_at, generated_by FROM dashboard.reports ORDER BY period_end, kind");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, DateOnly, DateOnly, DateTimeOffset, DateTimeOffset, DateTimeOffset, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6)));
        }
        return rows;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
