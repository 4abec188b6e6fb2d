using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>
/// The common 4-byte RTCP header (RFC 3550 §6.4.1): version 2, padding bit, a 5-bit count (reception report count,
/// source count, or feedback FMT), the packet type, and the length in 32-bit words minus one. <see cref="Length"/>
/// is the whole packet in bytes, header included.
/// </summary>
internal readonly record struct RtcpHeader(bool HasPadding, byte Count, byte PacketType, int Length)
{
    public const int Size = 4;

    public RtcpPacketType Type => (RtcpPacketType)PacketType;

    /// <summary>Reads one header; <paramref name="data"/> must hold the whole packet it announces.</summary>
    public static RtpParseStatus TryParse(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length > 0 && data[0] >> 6 != RtpHeader.Version2)
        {
            return RtpParseStatus.Malformed;
        }

        if (data.Length < Size)
        {
            return RtpParseStatus.NeedMoreData;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (data.Length < length)
        {
            return RtpParseStatus.NeedMoreData;
        }

        header = new RtcpHeader((data[0] & 0x20) != 0, (byte)(data[0] & 0x1F), data[1], length);
        return RtpParseStatus.Success;
    }

    /// <summary>Writes a header for a packet of <paramref name="length"/> bytes (a multiple of 4).</summary>
    public static void Write(Span<byte> destination, byte count, RtcpPacketType type, int length)
    {
        if ((length & 3) != 0 || length < Size || length > (ushort.MaxValue + 1) * 4)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "An RTCP packet is a whole number of 32-bit words.");
        }

        destination[0] = (byte)((RtpHeader.Version2 << 6) | (count & 0x1F));
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }
}
