using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// A logger of a fixed category that follows <see cref="RtcRuntime.LoggerFactory"/> when it is replaced, so
/// long-lived internals created before configuration still log to the configured providers.
/// </summary>
internal sealed class DynamicLogger(string category) : ILogger
{
    private Holder? _current;

    private ILogger Current
    {
        get
        {
            var factory = FfiClient.Logs.LoggerFactory;
            var current = Volatile.Read(ref _current);
            if (current is not null && ReferenceEquals(current.Factory, factory))
            {
                return current.Logger;
            }
            var logger = factory.CreateLogger(category);
            Volatile.Write(ref _current, new Holder(factory, logger));
            return logger;
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => Current.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => Current.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Current.Log(logLevel, eventId, state, exception, formatter);

    private sealed record Holder(ILoggerFactory Factory, ILogger Logger);
}
