using System.Buffers.Binary;
using System.Net;
using LiveKit.DevServer.Stun;

namespace LiveKit.DevServer.Ice;

/// <summary>
/// Writes the responses of an ICE-lite agent to Binding requests (RFC 8445 §7.3). Stateless, so the transport can
/// also answer requests for a username it does not know.
/// </summary>
internal static class IceBindingResponder
{
    private static readonly HashSet<StunAttributeType> Understood =
    [
        StunAttributeType.Username,
        StunAttributeType.MessageIntegrity,
        StunAttributeType.Priority,
        StunAttributeType.UseCandidate,
        StunAttributeType.XorMappedAddress,
        StunAttributeType.MappedAddress,
        StunAttributeType.ErrorCode,
        StunAttributeType.UnknownAttributes,
        StunAttributeType.Realm,
        StunAttributeType.Nonce,
    ];

    /// <summary>Success response: XOR-MAPPED-ADDRESS of the sender, signed with our password, with FINGERPRINT.</summary>
    public static int WriteSuccess(in StunMessage request, IPEndPoint mapped, ReadOnlySpan<byte> localPassword, Span<byte> destination)
    {
        var writer = new StunMessageWriter(destination, StunMessageClass.SuccessResponse, StunMethod.Binding, request.TransactionId);
        writer.AddXorMappedAddress(mapped);
        writer.AddMessageIntegrity(localPassword);
        writer.AddFingerprint();
        return writer.Length;
    }

    /// <summary>
    /// Error response. 400 and 401 are never signed (RFC 5389 §10.1.2); pass <paramref name="signingKey"/> only when
    /// the request itself authenticated (487).
    /// </summary>
    public static int WriteError(in StunMessage request, int code, Span<byte> destination, ReadOnlySpan<byte> signingKey = default, ReadOnlySpan<ushort> unknownAttributes = default)
    {
        var writer = new StunMessageWriter(destination, StunMessageClass.ErrorResponse, StunMethod.Binding, request.TransactionId);
        writer.AddErrorCode(code);
        if (!unknownAttributes.IsEmpty)
        {
            Span<byte> list = stackalloc byte[unknownAttributes.Length * 2];
            for (int i = 0; i < unknownAttributes.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(list[(i * 2)..], unknownAttributes[i]);
            }

            writer.AddAttribute(StunAttributeType.UnknownAttributes, list);
        }

        if (!signingKey.IsEmpty)
        {
            writer.AddMessageIntegrity(signingKey);
        }

        writer.AddFingerprint();
        return writer.Length;
    }

    /// <summary>Collects comprehension-required attribute types we do not understand (RFC 5389 §7.3.1); returns the count.</summary>
    public static int FindUnknownRequired(in StunMessage request, Span<ushort> unknown)
    {
        int count = 0;
        foreach (var attribute in request.Attributes)
        {
            if (attribute.IsComprehensionRequired && !Understood.Contains(attribute.Type) && count < unknown.Length)
            {
                unknown[count++] = (ushort)attribute.Type;
            }
        }

        return count;
    }
}
