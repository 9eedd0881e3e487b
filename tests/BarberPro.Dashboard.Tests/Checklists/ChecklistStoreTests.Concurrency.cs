using System.Collections.Concurrent;
using BarberPro.Core.Checklists;

namespace BarberPro.Dashboard.Tests.Checklists;

public sealed partial class ChecklistStoreTests
{
    [Fact]
    public async Task TwentyConcurrentWriters_OnOneRun_LoseNoAcknowledgedChange()
    {
        var run = await factory.Store.GetOrCreateRunAsync(ChecklistsFactory.UniqueDailyPeriod(), CancellationToken.None);
        // Few items, many writers: most changes collide on a version and have to go through the stale path.
        string[] keys = ["daily.morning.uptime", "daily.morning.backups", "daily.security.waf", "daily.evening.capacity"];
        var acknowledged = new ConcurrentBag<(Guid Key, ChecklistItemState After)>();
        var staleAnswers = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(writer => Task.Run(async () =>
        {
            var actor = new ChecklistActor($"w{writer}", $"writer{writer}@test.local");
            var random = new Random(writer);
            var seen = keys.ToDictionary(k => k, _ => (Version: 0, Ticked: false));
            for (var i = 0; i < 15; i++)
            {
                var key = keys[random.Next(keys.Length)];
                var kind = random.Next(3) switch
                {
                    0 => ChecklistChangeKind.Note,
                    _ => seen[key].Ticked ? ChecklistChangeKind.Untick : ChecklistChangeKind.Tick,
                };
                var request = new ChecklistChangeRequest(run.Id, key, kind, seen[key].Version, Guid.NewGuid(),
                    kind == ChecklistChangeKind.Note ? $"note {writer}.{i}" : null);
                var result = await factory.Store.ApplyAsync(request, actor, CancellationToken.None);
                seen[key] = (result.Item.Version, result.Item.Ticked);
                switch (result.Outcome)
                {
                    case ChecklistChangeOutcome.Applied:
                        acknowledged.Add((request.IdempotencyKey, result.Item));
                        break;
                    case ChecklistChangeOutcome.Stale:
                        Interlocked.Increment(ref staleAnswers);
                        break;
                }
            }
        })));

        clock.Stop();
        output.WriteLine($"20 writers x 15 changes in {clock.ElapsedMilliseconds} ms: {acknowledged.Count} applied, {staleAnswers} stale");
        var log = await factory.ChangesAsync(run.Id);
        var final = (await factory.Store.GetRunAsync(run.Id, CancellationToken.None))!.Sections.SelectMany(s => s.Items)
            .ToDictionary(i => i.Key);

        Assert.True(staleAnswers > 0, "the writers never collided; the test proves nothing");
        Assert.True(acknowledged.Count > 20, $"only {acknowledged.Count} changes applied");
        // Every acknowledged change is in the log, and the log holds nothing else.
        Assert.Equal(acknowledged.Select(a => a.Key).Order(), log.Select(c => c.IdempotencyKey).Order());
        foreach (var key in keys)
        {
            var chain = log.Where(c => c.ItemKey == key).OrderBy(c => c.ToVersion).ToList();
            // Versions 1..n without a gap, each change starting from the state the previous one left.
            Assert.Equal(Enumerable.Range(1, chain.Count), chain.Select(c => c.ToVersion));
            for (var i = 0; i < chain.Count; i++)
            {
                Assert.Equal(chain[i].ToVersion - 1, chain[i].FromVersion);
                Assert.Equal(i == 0 ? false : chain[i - 1].ToTicked, chain[i].FromTicked);
                Assert.Equal(i == 0 ? null : chain[i - 1].ToNote, chain[i].FromNote);
            }
            // The final state is what the last logged change left, and what its writer was told.
            var item = final[key];
            Assert.Equal(chain.Count, item.Version);
            Assert.Equal(chain.Count == 0 ? false : chain[^1].ToTicked, item.Ticked);
            Assert.Equal(chain.Count == 0 ? null : chain[^1].ToNote, item.Note);
            if (chain.Count > 0)
            {
                var last = acknowledged.Single(a => a.Key == chain[^1].IdempotencyKey).After;
                Assert.Equal((last.Ticked, last.Note, last.Version), (item.Ticked, item.Note, item.Version));
            }
        }
    }
}
