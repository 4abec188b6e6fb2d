namespace LiveKit.DevServer.Stun;

/// <summary>STUN methods used here (RFC 5389 §18.1); ICE only needs Binding.</summary>
internal enum StunMethod : ushort
{
    Binding = 0x001,
}
