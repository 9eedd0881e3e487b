namespace BarberPro.Simulator.Tests.Support;

/// <summary>A clock that moves only when told; starts at a random instant unless given one.</summary>
public sealed class TestTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public TestTimeProvider()
        : this(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(Random.Shared.NextInt64(1_600_000_000, 1_900_000_000)))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
