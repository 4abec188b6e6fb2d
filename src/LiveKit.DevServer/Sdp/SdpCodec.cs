namespace LiveKit.DevServer.Sdp;

/// <summary>A codec this server forwards: rtpmap identity, fmtp, and the RTCP feedback it negotiates.</summary>
internal sealed record SdpCodec(SdpMediaKind Kind, string EncodingName, int ClockRate, int Channels, int PreferredPayloadType, string? Fmtp, IReadOnlyList<string> Feedback)
{
    /// <summary>Opus (RFC 7587 §7): always 48000/2 in SDP; in-band FEC on.</summary>
    public static SdpCodec Opus { get; } = new(SdpMediaKind.Audio, "opus", 48000, 2, 111, "minptime=10;useinbandfec=1", []);

    /// <summary>VP8 (RFC 7741) with NACK, PLI and FIR so lost packets and key frames can be asked for.</summary>
    public static SdpCodec Vp8 { get; } = new(SdpMediaKind.Video, "VP8", 90000, 1, 96, null, ["nack", "nack pli", "ccm fir"]);

    public bool Matches(SdpRtpMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return string.Equals(map.EncodingName, EncodingName, StringComparison.OrdinalIgnoreCase)
            && map.ClockRate == ClockRate
            && (Kind != SdpMediaKind.Audio || map.Channels == Channels);
    }

    public SdpRtpMap ToRtpMap(int payloadType) => new(payloadType, EncodingName, ClockRate, Channels);
}
