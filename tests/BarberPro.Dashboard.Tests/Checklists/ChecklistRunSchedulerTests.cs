using BarberPro.Core.Checklists;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>SPEC: "a fresh run each ART day / week, created by itself" — without anyone opening the page.</summary>
public sealed class ChecklistRunSchedulerTests(ChecklistsFactory factory) : IClassFixture<ChecklistsFactory>
{
    [Fact]
    public async Task TodaysRuns_ExistAfterStartUp_AndTomorrowsAppearAtArtMidnight_WithoutAPageVisit()
    {
        var today = ArgentinaTime.DateOf(factory.Clock.GetUtcNow());
        await WaitForRunAsync("daily", today);
        await WaitForRunAsync("weekly", ArgentinaTime.WeekStart(today));

        factory.Clock.Set(ArgentinaTime.StartOfDay(today.AddDays(1)).AddSeconds(1));

        await WaitForRunAsync("daily", today.AddDays(1));
    }

    private async Task WaitForRunAsync(string template, DateOnly periodStart)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await factory.ScalarAsync(
                   "SELECT count(*) FROM dashboard.checklist_runs WHERE template_id = $1 AND period_start = $2", template, periodStart) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {template} run for {periodStart} was created");
            await Task.Delay(100);
        }
    }
}
