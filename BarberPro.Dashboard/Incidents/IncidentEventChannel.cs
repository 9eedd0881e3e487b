using BarberPro.Core.Incidents;
using BarberPro.Dashboard.Persistence;

namespace BarberPro.Dashboard.Incidents;

/// <summary>
/// The incidents' channel on the instance's <see cref="DatabaseEventListener"/>: a note, a resolution or a recorded row
/// written through another instance (its <see cref="IncidentStore"/> NOTIFYs <see cref="IncidentEvents.Channel"/> inside
/// the write's transaction) makes this instance's <see cref="IncidentRecorder"/> read the summary again at once and tell
/// the open incident pages and the inbox, so they show it without a refresh. This instance's own notifications are
/// skipped (its pages were told when it wrote). After the listener was away, changes may have been missed: the same.
/// </summary>
internal sealed class IncidentEventChannel(IncidentStore store, IncidentRecorder recorder) : IDatabaseEventChannel
{
    public string Channel => IncidentEvents.Channel;

    public void OnNotification(string payload)
    {
        if (!string.Equals(payload, store.Origin, StringComparison.Ordinal))
        {
            recorder.ChangedElsewhere();
        }
    }

    public Task OnListeningAsync(bool eventsMayHaveBeenMissed)
    {
        if (eventsMayHaveBeenMissed)
        {
            recorder.ChangedElsewhere();
        }

        return Task.CompletedTask;
    }

    public Task OnListeningLostAsync() => Task.CompletedTask;
}
