using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// SACK (RFC 4960 §3.3.4): cumulative TSN ack, advertised receiver window, gap ack blocks (start/end offsets from
/// the cumulative TSN) and duplicate TSNs.
/// </summary>
internal readonly ref struct SctpSackChunk
{
    public const int FixedSize = 12;

    private readonly ReadOnlySpan<byte> _gaps;
    private readonly ReadOnlySpan<byte> _duplicates;

    private SctpSackChunk(uint cumulativeTsnAck, uint window, ReadOnlySpan<byte> gaps, ReadOnlySpan<byte> duplicates)
    {
        CumulativeTsnAck = cumulativeTsnAck;
        AdvertisedReceiverWindow = window;
        _gaps = gaps;
        _duplicates = duplicates;
    }

    public uint CumulativeTsnAck { get; }

    public uint AdvertisedReceiverWindow { get; }

    public int GapBlockCount => _gaps.Length / 4;

    public int DuplicateCount => _duplicates.Length / 4;

    public (ushort Start, ushort End) GetGapBlock(int index) =>
        (BinaryPrimitives.ReadUInt16BigEndian(_gaps[(4 * index)..]), BinaryPrimitives.ReadUInt16BigEndian(_gaps[((4 * index) + 2)..]));

    public uint GetDuplicate(int index) => BinaryPrimitives.ReadUInt32BigEndian(_duplicates[(4 * index)..]);

    public static OperationStatus TryParse(ReadOnlySpan<byte> value, out SctpSackChunk sack)
    {
        sack = default;
        if (value.Length < FixedSize)
        {
            return OperationStatus.InvalidData;
        }

        int gapCount = BinaryPrimitives.ReadUInt16BigEndian(value[8..]);
        int duplicateCount = BinaryPrimitives.ReadUInt16BigEndian(value[10..]);
        int needed = FixedSize + (4 * gapCount) + (4 * duplicateCount);
        if (value.Length < needed)
        {
            return OperationStatus.InvalidData;
        }

        ReadOnlySpan<byte> gaps = value.Slice(FixedSize, 4 * gapCount);
        for (int i = 0; i < gapCount; i++)
        {
            ushort start = BinaryPrimitives.ReadUInt16BigEndian(gaps[(4 * i)..]);
            ushort end = BinaryPrimitives.ReadUInt16BigEndian(gaps[((4 * i) + 2)..]);
            if (start == 0 || end < start)
            {
                return OperationStatus.InvalidData;
            }
        }

        sack = new SctpSackChunk(
            BinaryPrimitives.ReadUInt32BigEndian(value),
            BinaryPrimitives.ReadUInt32BigEndian(value[4..]),
            gaps,
            value.Slice(FixedSize + (4 * gapCount), 4 * duplicateCount));
        return OperationStatus.Done;
    }
}
