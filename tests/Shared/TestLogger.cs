using Microsoft.Extensions.Logging;

namespace BarberPro.Tests.Shared;

internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps what was logged so tests can check that failures are reported (and how often).</summary>
internal sealed class TestLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<LogEntry> _entries = [];

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

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _entries.Add(new LogEntry(logLevel, eventId, formatter(state, exception)));
        }
    }
}
