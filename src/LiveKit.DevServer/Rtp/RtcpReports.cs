using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>Sender and receiver reports (RFC 3550 §6.4.1, §6.4.2).</summary>
internal static class RtcpReports
{
    private const int MaxBlocks = 31;

    /// <summary>Reads an SR: sender SSRC, sender info, and the raw report blocks (24 bytes each).</summary>
    public static bool TryReadSenderReport(ReadOnlySpan<byte> packet, out uint ssrc, out RtcpSenderInfo info, out ReadOnlySpan<byte> blocks)
    {
        ssrc = 0;
        info = default;
        blocks = default;
        if (RtcpHeader.TryParse(packet, out var header) != RtpParseStatus.Success || header.Type != RtcpPacketType.SenderReport)
        {
            return false;
        }

        int needed = RtcpHeader.Size + 4 + RtcpSenderInfo.Size + (header.Count * RtcpReportBlock.Size);
        if (header.Length < needed)
        {
            return false;
        }

        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        info = new RtcpSenderInfo(
            BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[24..]));
        blocks = packet.Slice(28, header.Count * RtcpReportBlock.Size);
        return true;
    }

    /// <summary>Reads an RR: reporter SSRC and the raw report blocks.</summary>
    public static bool TryReadReceiverReport(ReadOnlySpan<byte> packet, out uint ssrc, out ReadOnlySpan<byte> blocks)
    {
        ssrc = 0;
        blocks = default;
        if (RtcpHeader.TryParse(packet, out var header) != RtpParseStatus.Success || header.Type != RtcpPacketType.ReceiverReport)
        {
            return false;
        }

        if (header.Length < RtcpHeader.Size + 4 + (header.Count * RtcpReportBlock.Size))
        {
            return false;
        }

        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        blocks = packet.Slice(8, header.Count * RtcpReportBlock.Size);
        return true;
    }

    public static int WriteSenderReport(Span<byte> destination, uint ssrc, in RtcpSenderInfo info, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        int count = Math.Min(blocks.Length, MaxBlocks);
        int length = RtcpHeader.Size + 4 + RtcpSenderInfo.Size + (count * RtcpReportBlock.Size);
        RtcpHeader.Write(destination, (byte)count, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], info.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], info.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], info.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], info.OctetCount);
        for (int i = 0; i < count; i++)
        {
            blocks[i].Write(destination[(28 + (i * RtcpReportBlock.Size))..]);
        }

        return length;
    }

    public static int WriteReceiverReport(Span<byte> destination, uint ssrc, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        int count = Math.Min(blocks.Length, MaxBlocks);
        int length = RtcpHeader.Size + 4 + (count * RtcpReportBlock.Size);
        RtcpHeader.Write(destination, (byte)count, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        for (int i = 0; i < count; i++)
        {
            blocks[i].Write(destination[(8 + (i * RtcpReportBlock.Size))..]);
        }

        return length;
    }
}
