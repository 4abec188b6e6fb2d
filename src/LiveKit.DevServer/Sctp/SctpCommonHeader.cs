using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>The 12-byte SCTP common header (RFC 4960 §3.1).</summary>
internal readonly record struct SctpCommonHeader(ushort SourcePort, ushort DestinationPort, uint VerificationTag, uint Checksum)
{
    public const int Size = 12;

    public static OperationStatus TryParse(ReadOnlySpan<byte> source, out SctpCommonHeader header)
    {
        if (source.Length < Size)
        {
            header = default;
            return OperationStatus.NeedMoreData;
        }

        header = new SctpCommonHeader(
            BinaryPrimitives.ReadUInt16BigEndian(source),
            BinaryPrimitives.ReadUInt16BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[4..]),
            // Appendix B: the CRC32c is transmitted least significant byte first.
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]));
        return OperationStatus.Done;
    }

    /// <summary>Writes ports and tag; the checksum is filled in by <see cref="SctpPacket.WriteChecksum"/>.</summary>
    public static void Write(Span<byte> destination, ushort sourcePort, ushort destinationPort, uint verificationTag)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], verificationTag);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], 0);
    }
}
