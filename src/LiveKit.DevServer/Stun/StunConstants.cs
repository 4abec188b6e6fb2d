namespace LiveKit.DevServer.Stun;

/// <summary>Fixed numbers of the STUN wire format (RFC 5389 §6, §15).</summary>
internal static class StunConstants
{
    /// <summary>The fixed 0x2112A442 in bytes 4..7 of every RFC 5389 message.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>Type (2) + length (2) + magic cookie (4) + transaction id (12).</summary>
    public const int HeaderLength = 20;

    public const int TransactionIdLength = 12;

    /// <summary>Type (2) + length (2) in front of each attribute value.</summary>
    public const int AttributeHeaderLength = 4;

    /// <summary>HMAC-SHA1 output carried in MESSAGE-INTEGRITY (RFC 5389 §15.4).</summary>
    public const int MessageIntegrityLength = 20;

    /// <summary>CRC-32 carried in FINGERPRINT (RFC 5389 §15.5).</summary>
    public const int FingerprintLength = 4;

    /// <summary>XOR'ed into the CRC-32 of FINGERPRINT (RFC 5389 §15.5), "STUN" in ASCII.</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>Largest message this server builds or accepts; a UDP datagram on any path we use.</summary>
    public const int MaxMessageLength = 1280;

    /// <summary>Pads an attribute value length to the 32-bit boundary (RFC 5389 §15).</summary>
    public static int Pad(int length) => (length + 3) & ~3;
}
