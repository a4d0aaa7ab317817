using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Keeps every log entry of a host (Akka's log included, it goes through Microsoft.Extensions.Logging).</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyCollection<(LogLevel Level, string Category, string Message)> Entries => _entries;

    public IEnumerable<string> Warnings(string containing) =>
        _entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(containing, StringComparison.Ordinal)).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
