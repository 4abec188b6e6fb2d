namespace LiveKit.DevServer.Transport;

/// <summary>
/// Offer/answer state of a peer connection (JSEP, RFC 8829 §3.2). Remote offers are answered at once, so only a
/// local offer waits: Stable -> HaveLocalOffer (CreateOffer) -> Stable (ApplyRemoteAnswer).
/// </summary>
internal enum SignalingState
{
    Stable,
    HaveLocalOffer,
    Closed,
}
