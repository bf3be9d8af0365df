using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContactCenter.CallEngine.Tests.Lifecycle;

/// <summary>Keeps every exception the engine logs (a failed step, a failed call), for the rig's checks.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<Exception> _exceptions = new();

    public IReadOnlyList<Exception> Exceptions => [.. _exceptions];

    public ILogger CreateLogger(string categoryName) => new Capturing(_exceptions);

    public void Dispose()
    {
    }

    private sealed class Capturing(ConcurrentQueue<Exception> exceptions) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                exceptions.Enqueue(exception);
            }
        }
    }
}
