namespace LiveKit.DevServer.Dtls;

/// <summary>What a completed DTLS handshake agreed; the transport builds its SRTP contexts from <see cref="Srtp"/>.</summary>
/// <param name="LocalRole">Our handshake role.</param>
/// <param name="CipherSuite">IANA code of the negotiated TLS cipher suite.</param>
/// <param name="RemoteFingerprint">The peer certificate's fingerprint, verified against the one from its SDP.</param>
/// <param name="Srtp">SRTP profile and keys, or null when use_srtp was not negotiated (only if
/// <see cref="DtlsOptions.RequireSrtp"/> is off).</param>
internal sealed record DtlsHandshakeResult(
    DtlsRole LocalRole,
    int CipherSuite,
    CertificateFingerprint RemoteFingerprint,
    SrtpKeyingMaterial? Srtp);
