using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Facade.Tests.Redis;

/// <summary>Keeps the log lines written to it, so tests can count them.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue((logLevel, eventId, formatter(state, exception)));

    public int Count(int eventId) => Lines.Count(l => l.Id.Id == eventId);
}
