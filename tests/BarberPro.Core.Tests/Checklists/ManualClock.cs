namespace BarberPro.Core.Tests.Checklists;

/// <summary>A clock that moves only when told to, starting at a random instant (2025–2035).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch.AddSeconds(Random.Shared.NextInt64(1_735_689_600, 2_051_222_400));

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset instant) => _now = instant.ToUniversalTime();
}
