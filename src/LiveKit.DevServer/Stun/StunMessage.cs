using System.Buffers.Binary;

namespace LiveKit.DevServer.Stun;

/// <summary>
/// A validated view over one STUN message (RFC 5389 §6). It does not copy: it lives as long as the datagram span.
/// </summary>
internal readonly ref struct StunMessage
{
    private StunMessage(ReadOnlySpan<byte> raw, StunMessageClass messageClass, StunMethod method)
    {
        Raw = raw;
        Class = messageClass;
        Method = method;
    }

    /// <summary>The whole message, header included, exactly as received.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    public StunMessageClass Class { get; }

    public StunMethod Method { get; }

    public ReadOnlySpan<byte> TransactionId => Raw.Slice(8, StunConstants.TransactionIdLength);

    public StunAttributeEnumerator Attributes => new(Raw);

    /// <summary>
    /// Parses and validates the header and the attribute framing. <paramref name="bytesConsumed"/> is the message
    /// length on success. Truncated input that is still a plausible prefix reports <see cref="StunParseStatus.NeedMoreData"/>.
    /// </summary>
    public static StunParseStatus TryParse(ReadOnlySpan<byte> data, out StunMessage message, out int bytesConsumed)
    {
        message = default;
        bytesConsumed = 0;

        // RFC 5389 §6: the two most significant bits are zero.
        if (data.Length > 0 && (data[0] & 0xC0) != 0)
        {
            return StunParseStatus.Malformed;
        }

        if (data.Length < StunConstants.HeaderLength)
        {
            // A prefix can still be checked against the magic cookie once it covers it.
            if (data.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != StunConstants.MagicCookie)
            {
                return StunParseStatus.Malformed;
            }

            return StunParseStatus.NeedMoreData;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(data);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != StunConstants.MagicCookie || (length & 3) != 0)
        {
            return StunParseStatus.Malformed;
        }

        int total = StunConstants.HeaderLength + length;
        if (data.Length < total)
        {
            return StunParseStatus.NeedMoreData;
        }

        var raw = data[..total];
        if (!AttributesAreWellFormed(raw))
        {
            return StunParseStatus.Malformed;
        }

        message = new StunMessage(raw, DecodeClass(type), DecodeMethod(type));
        bytesConsumed = total;
        return StunParseStatus.Success;
    }

    /// <summary>
    /// Finds the first attribute of <paramref name="type"/>. Attributes after MESSAGE-INTEGRITY other than
    /// FINGERPRINT are ignored, as RFC 5389 §15.4 requires.
    /// </summary>
    public bool TryGetAttribute(StunAttributeType type, out StunAttribute attribute)
    {
        bool afterIntegrity = false;
        foreach (var a in Attributes)
        {
            if (a.Type == type && (!afterIntegrity || type == StunAttributeType.Fingerprint))
            {
                attribute = a;
                return true;
            }

            afterIntegrity |= a.Type == StunAttributeType.MessageIntegrity;
        }

        attribute = default;
        return false;
    }

    public bool HasAttribute(StunAttributeType type) => TryGetAttribute(type, out _);

    /// <summary>Encodes class and method into the 14-bit message type (RFC 5389 §6, figure 3).</summary>
    public static ushort EncodeType(StunMessageClass messageClass, StunMethod method)
    {
        int m = (int)method;
        int c = (int)messageClass;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7));
    }

    private static StunMessageClass DecodeClass(ushort type) => (StunMessageClass)(((type >> 4) & 1) | ((type >> 7) & 2));

    private static StunMethod DecodeMethod(ushort type) => (StunMethod)((type & 0x000F) | ((type >> 1) & 0x0070) | ((type >> 2) & 0x0F80));

    private static bool AttributesAreWellFormed(ReadOnlySpan<byte> raw)
    {
        int offset = StunConstants.HeaderLength;
        bool sawFingerprint = false;
        while (offset < raw.Length)
        {
            // RFC 5389 §15.5: FINGERPRINT, when present, is the last attribute.
            if (sawFingerprint || offset + StunConstants.AttributeHeaderLength > raw.Length)
            {
                return false;
            }

            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(raw[offset..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(raw[(offset + 2)..]);
            int next = offset + StunConstants.AttributeHeaderLength + StunConstants.Pad(length);
            if (next > raw.Length)
            {
                return false;
            }

            switch (type)
            {
                case StunAttributeType.MessageIntegrity when length != StunConstants.MessageIntegrityLength:
                case StunAttributeType.Fingerprint when length != StunConstants.FingerprintLength:
                    return false;
            }

            sawFingerprint = type == StunAttributeType.Fingerprint;
            offset = next;
        }

        return true;
    }
}
