namespace LiveKit.DevServer.Transport;

/// <summary>
/// Overall state of a peer connection, as W3C RTCPeerConnectionState combines ICE and DTLS:
/// New -> Connecting (ICE checks or DTLS handshake under way) -> Connected (DTLS done, SRTP keys in place);
/// Connected -> Disconnected (ICE consent lapsing) -> Connected; any -> Failed (ICE consent lost, DTLS failed);
/// any -> Closed. Failed and Closed are final; the owner removes the participant on Failed.
/// </summary>
internal enum PeerConnectionState
{
    New,
    Connecting,
    Connected,
    Disconnected,
    Failed,
    Closed,
}
