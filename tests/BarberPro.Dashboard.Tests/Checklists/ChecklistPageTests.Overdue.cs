using AngleSharp.Dom;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Core.Time;

namespace BarberPro.Dashboard.Tests.Checklists;

public sealed partial class ChecklistPageTests
{
    [Fact]
    public async Task ChecklistPage_At1000Art_FlagsTheMorningSectionOverdueUntilItsItemsAreTicked()
    {
        var day = new DateOnly(2034, 2, 6).AddDays(Random.Shared.Next(0, 2000));
        factory.Clock.Set(ArgentinaTime.ToInstant(day, new TimeOnly(10, 0)));
        using var browser = await factory.SignInAsRoleAsync(Roles.Viewer);

        var before = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists"));

        Assert.Equal([true, false, false, false], OverdueFlags(before));
        var run = await factory.Store.GetCurrentRunAsync(ChecklistCadence.Daily, CancellationToken.None);
        Assert.Equal(day, run.Period.Start);
        foreach (var item in run.Sections[0].Items)
        {
            await factory.Store.ApplyAsync(new(run.Id, item.Key, ChecklistChangeKind.Tick, item.Version, Guid.NewGuid()),
                new("g", "gabi@test.local"), CancellationToken.None);
        }
        var after = s_parser.ParseDocument(await browser.Http.GetStringAsync("/checklists"));
        // Leave the class's other tests a day of their own, not the run ticked here.
        factory.Clock.Set(ArgentinaTime.ToInstant(day.AddDays(3000), new TimeOnly(11, 0)));
        Assert.Equal([false, false, false, false], OverdueFlags(after));
    }

    /// <summary>Whether each section of the daily run (the first on the page) shows its overdue badge.</summary>
    private static bool[] OverdueFlags(IDocument document) =>
        document.QuerySelectorAll("[data-checklist-run]")[0].QuerySelectorAll("[data-checklist-section]")
            .Select(section => section.QuerySelector("[data-overdue-badge]") is not null).ToArray();
}
