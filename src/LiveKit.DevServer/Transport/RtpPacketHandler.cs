using LiveKit.DevServer.Rtp;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// Receives one decrypted RTP packet of a published track, on the media receive thread. The span is the receive
/// buffer: valid only during the call; copy what must outlive it (forwarding copies into each subscriber's buffer).
/// </summary>
internal delegate void RtpPacketHandler(RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet);
