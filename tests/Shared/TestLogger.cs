using Microsoft.Extensions.Logging;

namespace BarberPro.Tests.Shared;

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps what was logged so tests can check that failures are reported (and how often).</summary>
internal sealed class TestLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly List<(int EventId, TaskCompletionSource<LogEntry> Logged)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToArray();
            }
        }
    }

    /// <summary>Completes with the first entry of <paramref name="eventId"/>, already logged or still to come.</summary>
    public Task<LogEntry> WhenLoggedAsync(int eventId)
    {
        lock (_gate)
        {
            if (_entries.FirstOrDefault(e => e.EventId.Id == eventId) is { } logged)
            {
                return Task.FromResult(logged);
            }
            var waiter = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, waiter));
            return waiter.Task;
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LogEntry(logLevel, eventId, formatter(state, exception));
        lock (_gate)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.EventId == eventId.Id))
            {
                waiter.Logged.TrySetResult(entry);
            }
            _waiters.RemoveAll(w => w.EventId == eventId.Id);
        }
    }
}
