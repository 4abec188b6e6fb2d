namespace LiveKit.DevServer.DataChannels;

/// <summary>Per-association data-channel counters, readable from any thread.</summary>
internal sealed class DataChannelCounters
{
    private long _channelsOpenedLocally;
    private long _channelsOpenedByPeer;
    private long _malformedDcepDropped;
    private long _openRequestsRejected;
    private long _messagesForUnknownChannel;
    private long _unsupportedPpidDropped;

    public long ChannelsOpenedLocally => Volatile.Read(ref _channelsOpenedLocally);

    public long ChannelsOpenedByPeer => Volatile.Read(ref _channelsOpenedByPeer);

    /// <summary>DCEP messages that did not parse (RFC 8832 §5).</summary>
    public long MalformedDcepDropped => Volatile.Read(ref _malformedDcepDropped);

    /// <summary>DATA_CHANNEL_OPEN on a stream in use or of our own parity (RFC 8832 §6).</summary>
    public long OpenRequestsRejected => Volatile.Read(ref _openRequestsRejected);

    /// <summary>User messages on a stream with no open channel.</summary>
    public long MessagesForUnknownChannel => Volatile.Read(ref _messagesForUnknownChannel);

    /// <summary>Messages with a PPID we do not handle (the deprecated partial PPIDs 52 and 54, or others).</summary>
    public long UnsupportedPpidDropped => Volatile.Read(ref _unsupportedPpidDropped);

    internal void OnOpenedLocally() => Interlocked.Increment(ref _channelsOpenedLocally);

    internal void OnOpenedByPeer() => Interlocked.Increment(ref _channelsOpenedByPeer);

    internal void OnMalformedDcep() => Interlocked.Increment(ref _malformedDcepDropped);

    internal void OnOpenRejected() => Interlocked.Increment(ref _openRequestsRejected);

    internal void OnUnknownChannel() => Interlocked.Increment(ref _messagesForUnknownChannel);

    internal void OnUnsupportedPpid() => Interlocked.Increment(ref _unsupportedPpidDropped);
}
