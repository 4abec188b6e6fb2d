namespace LiveKit.DevServer.Sdp;

/// <summary>The <c>a=setup</c> role (RFC 4145 §4, RFC 8842 §5.1): who opens the DTLS association.</summary>
internal enum SdpSetupRole
{
    ActPass,
    Active,
    Passive,
    HoldConn,
}
