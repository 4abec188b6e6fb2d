namespace LiveKit.DevServer.Srtp;

/// <summary>Result of an SRTP or SRTCP protect/unprotect call; every failure leaves the stream state untouched.</summary>
internal enum SrtpStatus
{
    Ok,

    /// <summary>Too short for the header and tag, or not parseable as RTP/RTCP.</summary>
    Malformed,

    /// <summary>The tag did not verify (RFC 3711 §3.3 step 4): tampered, or keyed differently.</summary>
    AuthenticationFailed,

    /// <summary>Index already seen, or older than the replay window (RFC 3711 §3.3.2).</summary>
    ReplayDetected,

    /// <summary>The buffer has no room for the tag and trailer.</summary>
    BufferTooSmall,

    /// <summary>More SSRCs than the context keeps state for; bounds memory per peer.</summary>
    TooManyStreams,

    /// <summary>The context was disposed (its connection closed) while a packet was on its way.</summary>
    Closed,
}
