namespace LiveKit.DevServer.Dtls;

/// <summary>
/// Which side of the DTLS handshake we play. In WebRTC the SDP <c>a=setup</c> attribute decides it (RFC 8842 §5.3):
/// <c>active</c> is the DTLS client, <c>passive</c> the server. The role also fixes SCTP stream-id parity (RFC 8832 §6).
/// </summary>
internal enum DtlsRole
{
    Client,
    Server,
}
