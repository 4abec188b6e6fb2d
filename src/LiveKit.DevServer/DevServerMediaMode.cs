namespace LiveKit.DevServer;

/// <summary>Whether the dev server carries media (configuration <c>DevServer:Media</c>).</summary>
public enum DevServerMediaMode
{
    /// <summary>WebRTC over one UDP port (<see cref="DevServerOptions.RtcUdpPort"/>): ICE-lite, DTLS-SRTP, RTP forwarding, SCTP data channels.</summary>
    WebRtc,

    /// <summary>
    /// Signalling only, like LiveKit's mock server: offers go unanswered, so clients' peer connections never
    /// come up; announced tracks count as published at once. For tests of signalling with raw clients.
    /// </summary>
    SignalOnly,
}
