namespace BarberPro.Core.Time;

/// <summary>The pause of a background loop that reads on an interval and sooner when told something changed.</summary>
public static class TimeProviderWaits
{
    /// <summary>
    /// Returns when <paramref name="interval"/> has passed on <paramref name="time"/> or <paramref name="wake"/> has
    /// completed, whichever comes first (the other is cancelled; neither outcome throws), or when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public static async Task DelayOrWakeAsync(this TimeProvider time, TimeSpan interval, Func<CancellationToken, Task> wake,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(wake);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(interval, time, linked.Token);
        var woken = wake(linked.Token);
        await Task.WhenAny(delay, woken);
        await linked.CancelAsync();
        // Both end now (one completed, the other cancelled); their outcome does not matter.
        await Task.WhenAll(delay, woken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
