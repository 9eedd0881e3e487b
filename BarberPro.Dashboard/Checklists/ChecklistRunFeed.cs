using System.Collections.Concurrent;
using BarberPro.Core.Checklists;

namespace BarberPro.Dashboard.Checklists;

/// <summary>What a run view hears from <see cref="ChecklistRunFeed"/>.</summary>
public interface IChecklistRunListener
{
    /// <summary>An item of the run changed and the change committed (any instance, any path: page or hub).</summary>
    void OnItemChanged(ChecklistItemState item);

    /// <summary>
    /// Whether committed changes reach this instance now. False while the database listener is down; when it comes
    /// back with <paramref name="resync"/> true, changes may have been missed: re-read the run.
    /// </summary>
    void OnLiveChanged(bool live, bool resync);
}

/// <summary>
/// The in-process side of <see cref="ChecklistEventChannel"/>: the channel reads each committed change once (one query
/// per burst) and hands the item's state to every run view of this process that has the run open, as it hands it to
/// the hub's group for API clients. Listeners are called on the channel's loop and must only queue their render.
/// Singleton.
/// </summary>
public sealed class ChecklistRunFeed(ChecklistLiveStatus status)
{
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<IChecklistRunListener, byte>> _listeners = new();

    /// <summary>Whether a change committed now reaches the open pages of this instance.</summary>
    public bool IsLive => status.IsListening;

    /// <summary>Hears the run's changes until the returned subscription is disposed.</summary>
    public IDisposable Subscribe(long runId, IChecklistRunListener listener)
    {
        _listeners.GetOrAdd(runId, _ => new()).TryAdd(listener, 0);
        return new Subscription(this, runId, listener);
    }

    /// <summary>How many run views of this process have <paramref name="runId"/> open (for tests and metrics).</summary>
    public int ListenerCount(long runId) => _listeners.TryGetValue(runId, out var set) ? set.Count : 0;

    internal void Publish(ChecklistItemState item)
    {
        if (_listeners.TryGetValue(item.RunId, out var set))
        {
            foreach (var listener in set.Keys)
            {
                listener.OnItemChanged(item);
            }
        }
    }

    internal void PublishLive(bool live, bool resync)
    {
        foreach (var listener in _listeners.Values.SelectMany(set => set.Keys))
        {
            listener.OnLiveChanged(live, resync);
        }
    }

    private sealed class Subscription(ChecklistRunFeed feed, long runId, IChecklistRunListener listener) : IDisposable
    {
        public void Dispose()
        {
            if (feed._listeners.TryGetValue(runId, out var set))
            {
                set.TryRemove(listener, out _);
            }
        }
    }
}
