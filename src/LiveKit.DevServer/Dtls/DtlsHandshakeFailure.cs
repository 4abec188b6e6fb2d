namespace LiveKit.DevServer.Dtls;

/// <summary>Why a DTLS handshake did not complete.</summary>
internal enum DtlsHandshakeFailure
{
    /// <summary>Not finished within <see cref="DtlsOptions.HandshakeTimeout"/>.</summary>
    TimedOut,

    /// <summary>The peer's certificate did not hash to the fingerprint from its SDP, or it sent none (RFC 8827 §6.5).</summary>
    FingerprintMismatch,

    /// <summary>No SRTP protection profile in common (RFC 5764 §4.1.1) while one is required.</summary>
    NoCommonSrtpProfile,

    /// <summary>The peer sent a fatal alert.</summary>
    AlertReceived,

    /// <summary>Closed locally before the handshake finished.</summary>
    Closed,

    /// <summary>Any other protocol error (bad message, no common cipher suite, internal error).</summary>
    ProtocolError,
}
