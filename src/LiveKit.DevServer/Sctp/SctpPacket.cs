using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>Whole-packet checks: CRC32c (RFC 4960 §6.8) and chunk framing (RFC 4960 §3.2).</summary>
internal static class SctpPacket
{
    /// <summary>
    /// Validates a received packet: common header present, CRC32c correct, and the chunk area an exact sequence
    /// of well-framed chunks (at least one). A datagram carries a whole packet (RFC 8261 §5), so anything cut short
    /// is malformed.
    /// </summary>
    public static OperationStatus Validate(ReadOnlySpan<byte> packet, out SctpCommonHeader header)
    {
        OperationStatus status = SctpCommonHeader.TryParse(packet, out header);
        if (status != OperationStatus.Done)
        {
            return status;
        }

        if (!VerifyChecksum(packet))
        {
            return OperationStatus.InvalidData;
        }

        ReadOnlySpan<byte> chunks = packet[SctpCommonHeader.Size..];
        if (chunks.IsEmpty)
        {
            return OperationStatus.NeedMoreData;
        }

        while (!chunks.IsEmpty)
        {
            status = SctpChunk.TryRead(chunks, out _, out int consumed);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            chunks = chunks[consumed..];
        }

        return OperationStatus.Done;
    }

    /// <summary>RFC 4960 §6.8: CRC32c over the packet with the checksum field taken as zero.</summary>
    public static uint ComputeChecksum(ReadOnlySpan<byte> packet)
    {
        uint crc = Crc32c.Update(uint.MaxValue, packet[..8]);
        crc = Crc32c.Update(crc, [0, 0, 0, 0]);
        crc = Crc32c.Update(crc, packet[SctpCommonHeader.Size..]);
        return ~crc;
    }

    public static bool VerifyChecksum(ReadOnlySpan<byte> packet) =>
        packet.Length >= SctpCommonHeader.Size
        && BinaryPrimitives.ReadUInt32LittleEndian(packet[8..]) == ComputeChecksum(packet);

    /// <summary>Fills the checksum field, least significant byte first (RFC 4960 Appendix B).</summary>
    public static void WriteChecksum(Span<byte> packet) =>
        BinaryPrimitives.WriteUInt32LittleEndian(packet[8..], ComputeChecksum(packet));
}
