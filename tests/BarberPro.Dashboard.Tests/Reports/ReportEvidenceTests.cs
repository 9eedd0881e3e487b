using BarberPro.Core.Checklists;
using BarberPro.Core.Reports;
using BarberPro.Core.Time;
using BarberPro.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BarberPro.Dashboard.Tests.Reports;

/// <summary>
/// The checklist evidence of the two report items is read from <c>dashboard.reports</c>: a host that runs no scheduler
/// (the test host has <c>Reports:Schedule=false</c>) shows a report another instance stored.
/// </summary>
public sealed class ReportEvidenceTests(DashboardFactory factory) : IClassFixture<DashboardFactory>
{
    private static readonly string[] s_keys = [ChecklistEvidenceKeys.DailyReport, ChecklistEvidenceKeys.WeeklyReport];

    [Fact]
    public async Task AnInstanceWithoutTheScheduler_ShowsTodaysReport_OnceAnotherInstanceStoredIt()
    {
        var provider = factory.Services.GetRequiredService<IChecklistEvidenceProvider>();
        var today = ArgentinaTime.DateOf(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var period = ReportPeriod.Daily(today);
        var before = await provider.GetEvidenceAsync(s_keys, default);

        await using var otherInstance = NpgsqlDataSource.Create(factory.Database.ConnectionString);
        var (id, _) = await new ReportStore(otherInstance).InsertAsync(period, FakeReportSource.Content(period), period.End, ReportAuthors.System, CancellationToken.None);
        var after = await provider.GetEvidenceAsync(s_keys, default);

        Assert.Equal(("Not generated yet: " + period.Title, false), (before[ChecklistEvidenceKeys.DailyReport].Figure, before[ChecklistEvidenceKeys.DailyReport].Passed));
        Assert.Equal(($"Report #{id}: {period.Title}", true), (after[ChecklistEvidenceKeys.DailyReport].Figure, after[ChecklistEvidenceKeys.DailyReport].Passed));
        Assert.Equal(("Not generated yet: " + ReportPeriod.WorkWeek(today).Title, false),
            (after[ChecklistEvidenceKeys.WeeklyReport].Figure, after[ChecklistEvidenceKeys.WeeklyReport].Passed));
    }

    [Fact]
    public async Task WithTheDatabaseDown_TheItemSaysItCouldNotCheck_NeverPassing()
    {
        await using var down = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        var clock = new ManualTimeProvider(new DateTimeOffset(2031, 6, 11, 22, 0, 0, TimeSpan.Zero));

        var evidence = await new ReportEvidence(new ReportStore(down), clock).GetEvidenceAsync(s_keys, default);

        Assert.Equal((ReportEvidence.Unreadable + " Daily performance report, Wed 11 Jun 2031", false),
            (evidence[ChecklistEvidenceKeys.DailyReport].Figure, evidence[ChecklistEvidenceKeys.DailyReport].Passed));
    }
}
