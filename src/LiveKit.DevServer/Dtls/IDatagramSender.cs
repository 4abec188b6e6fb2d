namespace LiveKit.DevServer.Dtls;

/// <summary>
/// Sends one datagram towards the remote peer. The transport layer (ICE over UDP) implements it for DTLS, and
/// <see cref="DtlsConnection"/> implements it for SCTP (one SCTP packet per DTLS record, RFC 8261 §5).
/// </summary>
/// <remarks>
/// Called from the DTLS worker thread, from timer callbacks and from callers' threads, possibly concurrently:
/// implementations must be thread-safe and must not block. The span is only valid during the call.
/// A send that cannot be made (socket closed, queue full) is dropped silently: every protocol above retransmits.
/// </remarks>
internal interface IDatagramSender
{
    void Send(ReadOnlySpan<byte> datagram);
}
