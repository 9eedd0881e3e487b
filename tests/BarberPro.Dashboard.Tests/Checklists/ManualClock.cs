namespace BarberPro.Dashboard.Tests.Checklists;

/// <summary>
/// A clock that moves only when told to, starting at a random instant (2025–2035) so that code reading the real clock
/// fails every time instead of by coincidence.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch.AddSeconds(Random.Shared.NextInt64(1_735_689_600, 2_051_222_400));

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public void Set(DateTimeOffset instant)
    {
        lock (_lock)
        {
            _now = instant.ToUniversalTime();
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _now += by;
        }
    }
}
