using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using LiveKit.Rtc.Internal.Proto;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Forwards the core's <c>LogBatch</c> events (initialized with capture_logs, so every level arrives) into
/// <see cref="ILogger"/>s named <c>LiveKit.Rtc.Native.&lt;target&gt;</c>, at the mapped level, filtered by
/// <see cref="MinimumLevel"/> and the loggers' own filters.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> runs on a core thread: it filters and enqueues into a bounded channel (records beyond
/// its capacity are counted and dropped); one background loop writes to the loggers, so a slow logging
/// provider never stalls the core. Access tokens (JWTs, <c>access_token=</c>) are redacted. Recent warnings
/// and errors are kept so a failed request can say why.
/// </remarks>
internal sealed partial class NativeLogForwarder : IDisposable
{
    private const int QueueCapacity = 4096;
    private const int RecentCapacity = 64;
    private const string CategoryPrefix = "LiveKit.Rtc.Native";

    private readonly Channel<NativeLogEntry> _queue = Channel.CreateBounded<NativeLogEntry>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Lock _recentGate = new();
    private readonly Queue<(long Sequence, LogLevel Level, string Message)> _recent = new();
    private LoggerCache _loggers = new(NullLoggerFactory.Instance);
    private long _sequence;
    private long _dropped;
    private int _minimumLevel = (int)LogLevel.Information;

    public NativeLogForwarder()
    {
        Completion = Task.Run(PumpAsync);
    }

    /// <summary>The forwarding loop; completes after <see cref="Dispose"/>.</summary>
    public Task Completion { get; }

    public ILoggerFactory LoggerFactory
    {
        get => Volatile.Read(ref _loggers).Factory;
        set => Volatile.Write(ref _loggers, new LoggerCache(value ?? NullLoggerFactory.Instance));
    }

    public LogLevel MinimumLevel
    {
        get => (LogLevel)Volatile.Read(ref _minimumLevel);
        set => Volatile.Write(ref _minimumLevel, (int)value);
    }

    /// <summary>Records dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Sequence number of the latest warning or error seen.</summary>
    public long LatestProblemSequence => Interlocked.Read(ref _sequence);

    public static LogLevel Map(Proto.LogLevel level) => level switch
    {
        Proto.LogLevel.LogError => LogLevel.Error,
        Proto.LogLevel.LogWarn => LogLevel.Warning,
        Proto.LogLevel.LogInfo => LogLevel.Information,
        Proto.LogLevel.LogDebug => LogLevel.Debug,
        Proto.LogLevel.LogTrace => LogLevel.Trace,
        _ => LogLevel.Information,
    };

    /// <summary>Called on a core thread.</summary>
    public void Forward(LogBatch batch)
    {
        foreach (var record in batch.Records)
        {
            Forward(record);
        }
    }

    /// <summary>
    /// Whether a record at <paramref name="level"/> is used at all: warnings and errors are always remembered (a
    /// failed request's reason), the rest only at or above <see cref="MinimumLevel"/>.
    /// </summary>
    public bool Wants(LogLevel level)
    {
        var minimum = MinimumLevel;
        return level >= LogLevel.Warning || (minimum != LogLevel.None && level >= minimum);
    }

    /// <summary>Called on a core thread.</summary>
    public void Forward(LogRecord record)
    {
        var minimum = MinimumLevel;
        var level = Map(record.Level);
        if (level >= LogLevel.Warning)
        {
            Remember(level, record.Message);
        }
        if (level < minimum || minimum == LogLevel.None)
        {
            return;
        }
        if (!_queue.Writer.TryWrite(new NativeLogEntry(record.Target, level, record.Message)))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>
    /// Waits (briefly, on the failing caller's thread) for a warning or error newer than
    /// <paramref name="afterSequence"/> that satisfies <paramref name="match"/>: the core reports why a
    /// request failed only through its log, a moment after the request returned.
    /// </summary>
    public string? WaitForProblem(long afterSequence, Func<string, bool> match, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        string? found;
        while ((found = FindProblem(afterSequence, match)) is null && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(5);
        }
        return found;
    }

    /// <summary>As <see cref="WaitForProblem"/>, without blocking a thread.</summary>
    public async Task<string?> WaitForProblemAsync(long afterSequence, Func<string, bool> match, TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        string? found;
        while ((found = FindProblem(afterSequence, match)) is null && Environment.TickCount64 < deadline)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }
        return found;
    }

    private string? FindProblem(long afterSequence, Func<string, bool> match)
    {
        lock (_recentGate)
        {
            foreach (var (sequence, _, message) in _recent)
            {
                if (sequence > afterSequence && match(message))
                {
                    return Redact(message);
                }
            }
        }
        return null;
    }

    /// <summary>The warnings and errors (redacted, oldest first) seen after <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<string> ProblemsSince(long afterSequence)
    {
        lock (_recentGate)
        {
            return _recent.Where(r => r.Sequence > afterSequence).Select(r => Redact(r.Message)).ToArray();
        }
    }

    /// <summary>Removes access tokens from a native log message.</summary>
    public static string Redact(string message)
    {
        if (message.Contains("eyJ", StringComparison.Ordinal))
        {
            message = JwtPattern().Replace(message, "[redacted-token]");
        }
        if (message.Contains("access_token=", StringComparison.Ordinal))
        {
            message = AccessTokenPattern().Replace(message, "access_token=[redacted]");
        }
        return message;
    }

    private void Remember(LogLevel level, string message)
    {
        lock (_recentGate)
        {
            if (_recent.Count == RecentCapacity)
            {
                _recent.Dequeue();
            }
            _recent.Enqueue((Interlocked.Increment(ref _sequence), level, message));
        }
    }

    private async Task PumpAsync()
    {
        // Lives for the process, like the native library it serves.
        await foreach (var entry in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var logger = Volatile.Read(ref _loggers).Get(entry.Target);
                if (logger.IsEnabled(entry.Level))
                {
                    string message = Redact(entry.Message);
                    Log.NativeLog(logger, entry.Level, entry.Target, message);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing logging provider must not end forwarding.
                Interlocked.Increment(ref _dropped);
            }
        }
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"access_token=[^&\s""']+")]
    private static partial Regex AccessTokenPattern();

    /// <summary>Ends forwarding after the queued records (the process-wide instance is never disposed).</summary>
    public void Dispose() => _queue.Writer.TryComplete();

    private readonly record struct NativeLogEntry(string Target, LogLevel Level, string Message);

    private sealed class LoggerCache(ILoggerFactory factory)
    {
        private readonly ConcurrentDictionary<string, ILogger> _byTarget = new(StringComparer.Ordinal);

        public ILoggerFactory Factory { get; } = factory;

        public ILogger Get(string target) => _byTarget.GetOrAdd(target, static (t, f) =>
            f.CreateLogger(string.IsNullOrEmpty(t) ? CategoryPrefix : CategoryPrefix + "." + t.Replace("::", ".", StringComparison.Ordinal)), Factory);
    }
}
