namespace LiveKit.DevServer.DataChannels;

/// <summary>SCTP payload protocol identifiers of WebRTC data channels (RFC 8831 §8, RFC 8832 §8.1).</summary>
internal static class DataChannelPpid
{
    /// <summary>WebRTC DCEP: DATA_CHANNEL_OPEN and DATA_CHANNEL_ACK.</summary>
    public const uint Dcep = 50;

    /// <summary>WebRTC String: UTF-8 text.</summary>
    public const uint String = 51;

    /// <summary>WebRTC Binary.</summary>
    public const uint Binary = 53;

    /// <summary>WebRTC String Empty: an empty text message, sent as one zero byte (RFC 8831 §6.6).</summary>
    public const uint StringEmpty = 56;

    /// <summary>WebRTC Binary Empty.</summary>
    public const uint BinaryEmpty = 57;
}
