namespace LiveKit.DevServer.Sdp;

/// <summary>What an answer accepts.</summary>
internal sealed class SdpAnswerOptions
{
    public IReadOnlyList<SdpCodec> AudioCodecs { get; init; } = [SdpCodec.Opus];

    /// <summary>Empty to reject video sections.</summary>
    public IReadOnlyList<SdpCodec> VideoCodecs { get; init; } = [SdpCodec.Vp8];

    public bool AcceptDataChannels { get; init; } = true;

    /// <summary>SCTP port in a=sctp-port (RFC 8841 §5); WebRTC uses 5000.</summary>
    public int SctpPort { get; init; } = 5000;

    /// <summary>a=max-message-size (RFC 8841 §6): the largest data channel message we accept.</summary>
    public long MaxMessageSize { get; init; } = 262144;

    /// <summary>Header extensions we keep when offered: BUNDLE demultiplexing by mid, and audio level.</summary>
    public IReadOnlyList<string> HeaderExtensions { get; init; } = [SdpExtmap.MidUri, SdpExtmap.AudioLevelUri];
}
