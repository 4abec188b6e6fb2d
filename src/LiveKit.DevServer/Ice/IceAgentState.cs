namespace LiveKit.DevServer.Ice;

/// <summary>
/// States of the ICE-lite agent, named as the W3C RTCIceConnectionState the peer sees. Transitions:
/// New -> Checking (first authenticated check) -> Connected (a pair nominated with USE-CANDIDATE, RFC 8445 §8.2);
/// Connected -> Disconnected (no check for the disconnect timeout) -> Connected (checks resume);
/// any -> Failed (consent expired, RFC 7675 §5.1, or never connected in time); any -> Closed (local close).
/// Failed and Closed are final.
/// </summary>
internal enum IceAgentState
{
    New,
    Checking,
    Connected,
    Disconnected,
    Failed,
    Closed,
}
