namespace BarberPro.Dashboard.Checklists;

/// <summary>
/// Whether <see cref="ChecklistEventChannel"/> is listening, i.e. whether a change committed now reaches this
/// instance's pages. Read by the hub so that a page connecting during an outage says "live updates paused" at once.
/// Singleton.
/// </summary>
public sealed class ChecklistLiveStatus
{
    private volatile bool _listening;

    public bool IsListening
    {
        get => _listening;
        internal set => _listening = value;
    }
}
