using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>A Serilog sink that keeps every rendered event, for asserting what the host logs (and what it must not).</summary>
public sealed class CollectingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<(LogEventLevel Level, string Text)> _events = new();

    public IReadOnlyList<(LogEventLevel Level, string Text)> Events => [.. _events];

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var text = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + (logEvent.Exception is null ? string.Empty : " " + logEvent.Exception);
        _events.Enqueue((logEvent.Level, text));
    }
}
