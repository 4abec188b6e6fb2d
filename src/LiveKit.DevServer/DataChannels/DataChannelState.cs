namespace LiveKit.DevServer.DataChannels;

/// <summary>Data channel life cycle (as W3C RTCDataChannel.readyState).</summary>
internal enum DataChannelState
{
    /// <summary>Ours, DATA_CHANNEL_OPEN not yet sent or acknowledged (RFC 8832 §6); sending is allowed, ordered.</summary>
    Connecting,

    Open,

    /// <summary>Our outgoing stream reset, waiting for the peer's (RFC 8831 §6.7).</summary>
    Closing,

    Closed,
}
