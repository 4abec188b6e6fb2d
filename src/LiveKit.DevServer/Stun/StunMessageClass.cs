namespace LiveKit.DevServer.Stun;

/// <summary>The class bits C1 C0 of a STUN message type (RFC 5389 §6).</summary>
internal enum StunMessageClass : byte
{
    Request = 0b00,
    Indication = 0b01,
    SuccessResponse = 0b10,
    ErrorResponse = 0b11,
}
