using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>
/// The RTP fixed header, CSRC list and header extension of one packet (RFC 3550 §5.1, §5.3.1), as offsets into the
/// packet so the struct can be kept without holding the buffer.
/// </summary>
internal readonly record struct RtpHeader
{
    public const int FixedLength = 12;
    public const int Version2 = 2;

    public bool HasPadding { get; init; }

    public bool HasExtension { get; init; }

    public int CsrcCount { get; init; }

    public bool Marker { get; init; }

    public byte PayloadType { get; init; }

    public ushort SequenceNumber { get; init; }

    public uint Timestamp { get; init; }

    public uint Ssrc { get; init; }

    /// <summary>The 16-bit "defined by profile" field of the extension (0xBEDE for RFC 8285 one-byte form).</summary>
    public ushort ExtensionProfile { get; init; }

    /// <summary>Offset of the extension data (after its 4-byte header); 0 without an extension.</summary>
    public int ExtensionOffset { get; init; }

    /// <summary>Length of the extension data in bytes (a multiple of 4).</summary>
    public int ExtensionLength { get; init; }

    /// <summary>Fixed header + CSRCs + extension: where the payload starts.</summary>
    public int HeaderLength { get; init; }

    /// <summary>Padding bytes at the end, including the count byte; 0 when not parsed or not padded.</summary>
    public int PaddingLength { get; init; }

    /// <summary>Payload bytes between the header and the padding, for the packet length given to the parser.</summary>
    public int PayloadLength { get; init; }

    public int PayloadOffset => HeaderLength;

    /// <summary>Parses a plaintext packet, validating the padding count (RFC 3550 §5.1, P bit).</summary>
    public static RtpParseStatus TryParse(ReadOnlySpan<byte> packet, out RtpHeader header) => Parse(packet, readPadding: true, out header);

    /// <summary>
    /// Parses only the header of a packet whose payload may be encrypted (SRTP, RFC 3711 §3.1): the padding count
    /// byte is not readable yet, so <see cref="PaddingLength"/> is 0 and the payload runs to the end.
    /// </summary>
    public static RtpParseStatus TryParseHeaderOnly(ReadOnlySpan<byte> packet, out RtpHeader header) => Parse(packet, readPadding: false, out header);

    private static RtpParseStatus Parse(ReadOnlySpan<byte> packet, bool readPadding, out RtpHeader header)
    {
        header = default;
        if (packet.Length > 0 && packet[0] >> 6 != Version2)
        {
            return RtpParseStatus.Malformed;
        }

        if (packet.Length < FixedLength)
        {
            return RtpParseStatus.NeedMoreData;
        }

        byte b0 = packet[0];
        byte b1 = packet[1];
        int csrcCount = b0 & 0x0F;
        bool hasExtension = (b0 & 0x10) != 0;
        bool hasPadding = (b0 & 0x20) != 0;
        int offset = FixedLength + (csrcCount * 4);
        if (packet.Length < offset)
        {
            return RtpParseStatus.NeedMoreData;
        }

        ushort extensionProfile = 0;
        int extensionOffset = 0;
        int extensionLength = 0;
        if (hasExtension)
        {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the data.
            if (packet.Length < offset + 4)
            {
                return RtpParseStatus.NeedMoreData;
            }

            extensionProfile = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            extensionLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]) * 4;
            extensionOffset = offset + 4;
            offset = extensionOffset + extensionLength;
            if (packet.Length < offset)
            {
                return RtpParseStatus.NeedMoreData;
            }
        }

        int paddingLength = 0;
        if (hasPadding && readPadding)
        {
            // The last octet counts the padding, itself included; zero or more than the payload is malformed.
            if (packet.Length == offset)
            {
                return RtpParseStatus.Malformed;
            }

            paddingLength = packet[^1];
            if (paddingLength == 0 || paddingLength > packet.Length - offset)
            {
                return RtpParseStatus.Malformed;
            }
        }

        header = new RtpHeader
        {
            HasPadding = hasPadding,
            HasExtension = hasExtension,
            CsrcCount = csrcCount,
            Marker = (b1 & 0x80) != 0,
            PayloadType = (byte)(b1 & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]),
            ExtensionProfile = extensionProfile,
            ExtensionOffset = extensionOffset,
            ExtensionLength = extensionLength,
            HeaderLength = offset,
            PaddingLength = paddingLength,
            PayloadLength = packet.Length - offset - paddingLength,
        };
        return RtpParseStatus.Success;
    }

    /// <summary>Reads the CSRC at <paramref name="index"/> from the packet this header was parsed from.</summary>
    public uint GetCsrc(ReadOnlySpan<byte> packet, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + (index * 4))..]);
    }
}
