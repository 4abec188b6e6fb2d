using System.Threading.Channels;

namespace WarmTransfer.ControlApi.Events;

/// <summary>
/// One open event stream of one agent. Persisted events are not carried here: the subscription is only told that
/// there are new ones (a <c>null</c> item), and the stream reads them from the store in id order, so order and
/// completeness never depend on delivery timing. Live-only events (no id) are carried directly. The buffer is bounded
/// and drops the oldest item when a console cannot keep up, so one slow reader never holds up anyone else; a dropped
/// "new events" marker is harmless because the next one reads everything after the stream's last id. Dispose to leave.
/// </summary>
internal sealed class AgentEventSubscription : IDisposable
{
    private readonly Channel<AgentEvent?> _channel;
    private readonly Action<AgentEventSubscription> _leave;

    public AgentEventSubscription(string agent, int capacity, Action<AgentEventSubscription> leave)
    {
        Agent = agent;
        _leave = leave;
        _channel = Channel.CreateBounded<AgentEvent?>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public string Agent { get; }

    /// <summary>Items: a live-only event, or null for "new persisted events are in the store".</summary>
    public ChannelReader<AgentEvent?> Reader => _channel.Reader;

    internal void Deliver(AgentEvent liveEvent) => _channel.Writer.TryWrite(liveEvent);

    internal void Signal() => _channel.Writer.TryWrite(null);

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _leave(this);
    }
}
