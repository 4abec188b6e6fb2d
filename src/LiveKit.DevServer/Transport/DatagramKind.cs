namespace LiveKit.DevServer.Transport;

/// <summary>What a datagram on the shared media port carries, by its first byte (RFC 7983 §7).</summary>
internal enum DatagramKind
{
    /// <summary>0-3: STUN (ICE connectivity checks).</summary>
    Stun,

    /// <summary>20-63: DTLS records.</summary>
    Dtls,

    /// <summary>128-191 with a payload type outside 64-95: SRTP.</summary>
    Rtp,

    /// <summary>128-191 with packet type 192-223: SRTCP (RFC 5761 §4).</summary>
    Rtcp,

    /// <summary>Anything else (ZRTP 16-19, TURN channels 64-79, garbage): dropped.</summary>
    Unknown,
}
