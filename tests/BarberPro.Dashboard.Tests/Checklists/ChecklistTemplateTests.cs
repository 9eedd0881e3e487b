using System.Net;
using BarberPro.Core.Checklists;
using BarberPro.Core.Security;
using BarberPro.Dashboard.Tests.Infrastructure;

namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>Template edits, in their own database: they change what new runs contain.</summary>
public sealed class ChecklistTemplateTests(ChecklistsFactory factory) : IClassFixture<ChecklistsFactory>
{
    private static readonly ChecklistActor s_manager = new("m-id", "manager@test.local");

    [Fact]
    public async Task TemplateEdits_ReachNewRuns_AndNeverChangePastRuns()
    {
        var past = await factory.Store.GetOrCreateRunAsync(new(ChecklistCadence.Daily, new DateOnly(2030, 1, 10)), CancellationToken.None);
        var before = Items(past);

        await factory.Templates.RenameItemAsync("daily.security.ssl", "Check TLS certificate expiry", s_manager, CancellationToken.None);
        await factory.Templates.RetireItemAsync("daily.performance.cdn-cache", s_manager, CancellationToken.None);
        var added = await factory.Templates.AddItemAsync("daily.security", "Rotate <b>API</b> keys", null, s_manager, CancellationToken.None);
        await factory.Templates.MoveItemAsync("daily.morning.backups", ChecklistMoveDirection.Up, s_manager, CancellationToken.None);

        var pastAgain = await factory.Store.GetRunAsync(past.Id, CancellationToken.None);
        var next = await factory.Store.GetOrCreateRunAsync(new(ChecklistCadence.Daily, new DateOnly(2030, 1, 11)), CancellationToken.None);

        Assert.Equal(before, Items(pastAgain!));
        var items = Items(next);
        Assert.Contains(("daily.security.ssl", "Check TLS certificate expiry"), items);
        Assert.DoesNotContain(items, i => i.Key == "daily.performance.cdn-cache");
        Assert.Contains((added, "Rotate <b>API</b> keys"), items);
        Assert.Equal("daily.security.rotate-b-api-b-keys", added);
        Assert.Equal(["daily.morning.uptime", "daily.morning.backups", "daily.morning.overnight-alerts"],
            next.Sections[0].Items.Take(3).Select(i => i.Key));

        await factory.Templates.RestoreItemAsync("daily.performance.cdn-cache", s_manager, CancellationToken.None);
        var templates = await factory.Templates.GetTemplatesAsync(CancellationToken.None);
        var cdn = templates.SelectMany(t => t.Sections).SelectMany(s => s.Items).Single(i => i.Key == "daily.performance.cdn-cache");
        Assert.Null(cdn.RetiredAt);
        Assert.Equal(5, await factory.ScalarAsync("SELECT count(*) FROM dashboard.checklist_template_changes WHERE actor_name = 'manager@test.local'"));
    }

    [Fact]
    public async Task AddItem_WithAnOverlongTitle_IsRefusedAndNothingIsStored()
    {
        var count = await factory.ScalarAsync("SELECT count(*) FROM dashboard.checklist_items");

        await Assert.ThrowsAsync<ChecklistInputException>(() => factory.Templates.AddItemAsync(
            "weekly.friday", new string('t', ChecklistRules.MaxTitleLength + 1), null, s_manager, CancellationToken.None));
        await Assert.ThrowsAsync<ChecklistInputException>(() => factory.Templates.AddItemAsync(
            "weekly.friday", "Fine title", "not-a-measure", s_manager, CancellationToken.None));
        await Assert.ThrowsAsync<ChecklistInputException>(() => factory.Templates.RenameItemAsync(
            "no.such.item", "x", s_manager, CancellationToken.None));

        Assert.Equal(count, await factory.ScalarAsync("SELECT count(*) FROM dashboard.checklist_items"));
    }

    private static List<(string Key, string Title)> Items(ChecklistRun run) =>
        run.Sections.SelectMany(s => s.Items).Select(i => (i.Key, i.Title)).ToList();
}
