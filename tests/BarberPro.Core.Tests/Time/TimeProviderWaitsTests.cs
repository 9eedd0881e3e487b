using BarberPro.Core.Time;

namespace BarberPro.Core.Tests.Time;

public sealed class TimeProviderWaitsTests
{
    [Fact]
    public async Task AWake_EndsThePauseBeforeTheInterval_AndTheIntervalEndsItWithoutAWake()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var wake = new SemaphoreSlim(0, 1);

        var woken = time.DelayOrWakeAsync(TimeSpan.FromMinutes(1), wake.WaitAsync, CancellationToken.None);
        Assert.False(woken.IsCompleted);
        wake.Release();
        await woken.WaitAsync(TimeSpan.FromSeconds(10));

        var timed = time.DelayOrWakeAsync(TimeSpan.FromMinutes(1), wake.WaitAsync, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(timed.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await timed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, wake.CurrentCount); // the cancelled wait took nothing
    }

    [Fact]
    public async Task Stopping_EndsThePause_WithoutThrowing()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        using var stopping = new CancellationTokenSource();

        var paused = time.DelayOrWakeAsync(TimeSpan.FromMinutes(1), ct => Task.Delay(Timeout.Infinite, ct), stopping.Token);
        await stopping.CancelAsync();

        await paused.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(paused.IsCompletedSuccessfully);
    }
}
