using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveKit.DevServer.Stun;

/// <summary>
/// MESSAGE-INTEGRITY (RFC 5389 §15.4): HMAC-SHA1 over the message up to (excluding) the attribute, with the
/// header's length field set as if the message ended right after MESSAGE-INTEGRITY.
/// ICE uses short-term credentials (RFC 5389 §10.1): the key is the password's bytes (SASLprep is the identity for
/// the ASCII ice-chars of RFC 8445 §5.3).
/// </summary>
internal static class StunMessageIntegrity
{
    /// <summary>Computes the HMAC for a MESSAGE-INTEGRITY attribute whose header starts at <paramref name="attributeOffset"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> message, int attributeOffset, ReadOnlySpan<byte> key, Span<byte> destination)
    {
        if (attributeOffset > StunConstants.MaxMessageLength || attributeOffset < StunConstants.HeaderLength)
        {
            throw new ArgumentOutOfRangeException(nameof(attributeOffset), attributeOffset, "MESSAGE-INTEGRITY offset out of range.");
        }

        Span<byte> covered = stackalloc byte[attributeOffset];
        message[..attributeOffset].CopyTo(covered);
        int adjustedLength = attributeOffset + StunConstants.AttributeHeaderLength + StunConstants.MessageIntegrityLength - StunConstants.HeaderLength;
        BinaryPrimitives.WriteUInt16BigEndian(covered[2..], (ushort)adjustedLength);
#pragma warning disable CA5350 // HMAC-SHA1 is what RFC 5389 §15.4 specifies; it is not our choice to make.
        HMACSHA1.HashData(key, covered, destination);
#pragma warning restore CA5350
    }

    /// <summary>Checks a parsed message's MESSAGE-INTEGRITY against <paramref name="key"/>; false when absent or wrong.</summary>
    public static bool Verify(in StunMessage message, ReadOnlySpan<byte> key)
    {
        if (!message.TryGetAttribute(StunAttributeType.MessageIntegrity, out var attribute)
            || attribute.Offset > StunConstants.MaxMessageLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[StunConstants.MessageIntegrityLength];
        Compute(message.Raw, attribute.Offset, key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, attribute.Value);
    }
}
