using BarberPro.Core.Alerts;

namespace BarberPro.Core.Tests.Alerts;

/// <summary>
/// Two polls may overlap (the reader's own every second, and one a caller starts); the one that began reading later
/// holds the newer picture and must stay current, whichever finishes first.
/// </summary>
public sealed class AlertInboxStoreTests
{
    [Fact]
    public void AnOlderInboxFinishingLater_DoesNotReplaceANewerOne_NorRaisesChanged()
    {
        var store = new AlertInboxStore();
        var seen = new List<long>();
        store.Changed += inbox => seen.Add(inbox.Version);

        Assert.True(store.Publish(AlertInbox.Empty with { Version = 5 }));
        Assert.False(store.Publish(AlertInbox.Empty with { Version = 4 }));
        Assert.False(store.Publish(AlertInbox.Empty with { Version = 5 }));
        Assert.True(store.Publish(AlertInbox.Empty with { Version = 6 }));

        Assert.Equal(6, store.Current.Version);
        Assert.Equal([5L, 6L], seen);
    }

    [Fact]
    public async Task ManyPublishersAtOnce_LeaveTheHighestVersionCurrent()
    {
        var store = new AlertInboxStore();

        await Parallel.ForEachAsync(Enumerable.Range(1, 2_000).Reverse(), (version, _) =>
        {
            store.Publish(AlertInbox.Empty with { Version = version });
            return ValueTask.CompletedTask;
        });

        Assert.Equal(2_000, store.Current.Version);
    }
}
