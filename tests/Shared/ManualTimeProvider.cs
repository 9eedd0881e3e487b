namespace BarberPro.Tests.Shared;

/// <summary>
/// The one test clock of every test project (linked in by tests/Directory.Build.props). A clock that moves only when told to. Starts at a random instant so code that reads the real clock
/// instead of the injected one gives wrong results every run.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    public ManualTimeProvider()
        : this(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 5_000_000)).AddMilliseconds(Random.Shared.Next(0, 60_000)))
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock to <paramref name="instant"/> (forward or back); timers due by then fire.</summary>
    public void Set(DateTimeOffset instant)
    {
        var by = instant.ToUniversalTime() - GetUtcNow();
        if (by >= TimeSpan.Zero)
        {
            Advance(by);
            return;
        }
        lock (_gate)
        {
            _now = instant.ToUniversalTime();
        }
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            _now += by;
            target = _now;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.Due is { } d && d <= target).OrderBy(t => t.Due).FirstOrDefault();
                if (due is null)
                {
                    return;
                }

                // A periodic timer fires once per move of the clock however many periods it spans, and its next
                // tick is the first one after the new time: the way a real timer coalesces missed periods. Without
                // this, moving a clock by days would fire a one-second timer 86,400 times.
                if (due.Period > TimeSpan.Zero && due.Period != Timeout.InfiniteTimeSpan)
                {
                    var missed = (target - due.Due!.Value).Ticks / due.Period.Ticks;
                    due.Due = due.Due.Value + (due.Period * (missed + 1));
                }
                else
                {
                    due.Due = null;
                }
            }

            due.Fire();
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Due = null;
                return true;
            }

            Due = owner.GetUtcNow() + dueTime;
            if (dueTime == TimeSpan.Zero)
            {
                owner.Advance(TimeSpan.Zero);
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
