namespace LiveKit.DevServer.Stun;

/// <summary>
/// STUN attribute types (RFC 5389 §18.2, RFC 8445 §16.1). Values below 0x8000 are comprehension-required:
/// a receiver that does not understand one must reject the request (RFC 5389 §7.3.1).
/// </summary>
internal enum StunAttributeType : ushort
{
    MappedAddress = 0x0001,
    Username = 0x0006,
    MessageIntegrity = 0x0008,
    ErrorCode = 0x0009,
    UnknownAttributes = 0x000A,
    Realm = 0x0014,
    Nonce = 0x0015,
    MessageIntegritySha256 = 0x001C,
    PasswordAlgorithm = 0x001D,
    UserHash = 0x001E,
    XorMappedAddress = 0x0020,
    Priority = 0x0024,
    UseCandidate = 0x0025,
    Software = 0x8022,
    AlternateServer = 0x8023,
    Fingerprint = 0x8028,
    IceControlled = 0x8029,
    IceControlling = 0x802A,
}
