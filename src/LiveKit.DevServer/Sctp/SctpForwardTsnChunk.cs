using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>FORWARD TSN (RFC 3758 §3.2): new cumulative TSN, then (stream, SSN) pairs for ordered streams skipped.</summary>
internal readonly ref struct SctpForwardTsnChunk
{
    private readonly ReadOnlySpan<byte> _streams;

    private SctpForwardTsnChunk(uint newCumulativeTsn, ReadOnlySpan<byte> streams)
    {
        NewCumulativeTsn = newCumulativeTsn;
        _streams = streams;
    }

    public uint NewCumulativeTsn { get; }

    public int StreamCount => _streams.Length / 4;

    public (ushort StreamId, ushort StreamSequence) GetStream(int index) =>
        (BinaryPrimitives.ReadUInt16BigEndian(_streams[(4 * index)..]), BinaryPrimitives.ReadUInt16BigEndian(_streams[((4 * index) + 2)..]));

    public static OperationStatus TryParse(ReadOnlySpan<byte> value, out SctpForwardTsnChunk chunk)
    {
        chunk = default;
        if (value.Length < 4 || (value.Length - 4) % 4 != 0)
        {
            return OperationStatus.InvalidData;
        }

        chunk = new SctpForwardTsnChunk(BinaryPrimitives.ReadUInt32BigEndian(value), value[4..]);
        return OperationStatus.Done;
    }
}
