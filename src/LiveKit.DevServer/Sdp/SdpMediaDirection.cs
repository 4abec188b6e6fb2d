namespace LiveKit.DevServer.Sdp;

/// <summary>Media direction attributes (RFC 8866 §6.7), from the point of view of the description's author.</summary>
internal enum SdpMediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
