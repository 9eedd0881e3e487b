using BarberPro.Core.Persistence;
using BarberPro.Core.Reports;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Reports;

public sealed class ReportStoreTests : IAsyncLifetime
{
    private static readonly DateOnly s_wednesday = new(2031, 6, 11);
    private TestDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private ReportStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("reportstore");
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        _store = new ReportStore(_dataSource);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AStoredReport_ReadsBackWithItsExactRangeAndFigures_NoDataStayingNoData()
    {
        var period = ReportPeriod.Daily(s_wednesday);
        var generatedAt = period.End.AddSeconds(3);
        var (id, inserted) = await _store.InsertAsync(period, FakeReportSource.Content(period), generatedAt, ReportAuthors.System, CancellationToken.None);

        var report = await _store.GetAsync(id, CancellationToken.None);

        Assert.True(inserted);
        Assert.NotNull(report);
        Assert.Equal(period, report.Period);
        Assert.Equal((generatedAt, "system"), (report.GeneratedAt, report.GeneratedBy));
        Assert.Equal(FakeReportSource.Content(period).Figures, report.Content.Figures);
        Assert.Equal("no data", report.Content.Figure(ReportFigureKeys.Bookings)!.Display);
        Assert.Equal(123456.78m, Assert.Single(report.Content.Cities).RevenueArs);
        Assert.Equal("1 - (…)", Assert.Single(report.Content.Queries).Text);
    }

    [Fact]
    public async Task TheSameScheduledReportInsertedTwice_KeepsOneRow_AndBothGetItsId()
    {
        var period = ReportPeriod.Daily(s_wednesday);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _store.InsertAsync(period, FakeReportSource.Content(period), period.End, ReportAuthors.System, CancellationToken.None)));

        Assert.Single(results, r => r.Inserted);
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(results[0].Id, await _store.FindIdAsync(period, CancellationToken.None));
    }

    [Fact]
    public async Task AStoredReport_CannotBeUpdated()
    {
        var period = ReportPeriod.Daily(s_wednesday);
        var (id, _) = await _store.InsertAsync(period, FakeReportSource.Content(period), period.End, ReportAuthors.System, CancellationToken.None);

        await using var update = _dataSource.CreateCommand("UPDATE dashboard.reports SET generated_by = 'someone' WHERE id = @id");
        update.Parameters.AddWithValue("id", id);
        var error = await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());

        Assert.Contains("reports are immutable", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchByDate_ListsTheReportsCoveringThatDay_NewestFirst_WithTheirPassAndFailCounts()
    {
        foreach (var period in new[] { ReportPeriod.Daily(s_wednesday.AddDays(-1)), ReportPeriod.Daily(s_wednesday), ReportPeriod.WorkWeek(s_wednesday) })
        {
            await _store.InsertAsync(period, FakeReportSource.Content(period), period.End, ReportAuthors.System, CancellationToken.None);
        }

        var found = await _store.ListAsync(s_wednesday, 50, CancellationToken.None);
        var all = await _store.ListAsync(null, 50, CancellationToken.None);

        Assert.Equal([(ReportKind.WorkWeek, new DateOnly(2031, 6, 9)), (ReportKind.Daily, s_wednesday)], found.Select(r => (r.Period.Kind, r.Period.FirstDay)));
        Assert.All(found, r => Assert.Equal((1, 1), (r.Passed, r.Failed)));
        Assert.Equal(3, all.Count);
        Assert.Equal(ReportKind.WorkWeek, (await _store.FindScheduledAsync(ReportKind.WorkWeek, s_wednesday.AddDays(1), CancellationToken.None))?.Period.Kind);
    }
}
