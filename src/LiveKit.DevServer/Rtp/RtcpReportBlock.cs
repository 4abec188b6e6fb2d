using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes.</summary>
internal readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Size = 24;

    public static RtcpReportBlock Read(ReadOnlySpan<byte> data)
    {
        int lost = (data[5] << 16) | (data[6] << 8) | data[7];
        if ((lost & 0x80_0000) != 0)
        {
            lost |= unchecked((int)0xFF00_0000); // 24-bit signed (RFC 3550 §6.4.1)
        }

        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(data),
            data[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        int lost = Math.Clamp(CumulativeLost, -0x80_0000, 0x7F_FFFF);
        destination[4] = FractionLost;
        destination[5] = (byte)(lost >> 16);
        destination[6] = (byte)(lost >> 8);
        destination[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}
