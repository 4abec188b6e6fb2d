using System.Buffers.Binary;

namespace LiveKit.DevServer.Stun;

/// <summary>FINGERPRINT (RFC 5389 §15.5): CRC-32 of the message up to the attribute, XOR 0x5354554E.</summary>
internal static class StunFingerprint
{
    /// <summary>
    /// Computes the value for a FINGERPRINT attribute whose header starts at <paramref name="attributeOffset"/>;
    /// the message's length field must already count the FINGERPRINT attribute.
    /// </summary>
    public static uint Compute(ReadOnlySpan<byte> message, int attributeOffset)
        => Crc32.Compute(message[..attributeOffset]) ^ StunConstants.FingerprintXor;

    /// <summary>
    /// Checks a parsed message's FINGERPRINT. Returns false when it is absent or wrong. Because
    /// <see cref="StunMessage.TryParse"/> requires FINGERPRINT to be last, the length field already covers it.
    /// </summary>
    public static bool Verify(in StunMessage message)
    {
        if (!message.TryGetAttribute(StunAttributeType.Fingerprint, out var attribute))
        {
            return false;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(attribute.Value) == Compute(message.Raw, attribute.Offset);
    }
}
