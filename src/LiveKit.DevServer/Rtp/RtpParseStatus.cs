namespace LiveKit.DevServer.Rtp;

/// <summary>Outcome of the RTP and RTCP parsers: a truncated packet is kept apart from a malformed one.</summary>
internal enum RtpParseStatus
{
    Success,

    /// <summary>The bytes are a valid prefix but end before the header, a declared length, or the padding.</summary>
    NeedMoreData,

    /// <summary>Wrong version, impossible lengths or padding (RFC 3550 §5.1, §6.4.1).</summary>
    Malformed,
}
