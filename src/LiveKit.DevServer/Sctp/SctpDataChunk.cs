using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>A DATA chunk (RFC 4960 §3.3.1): flags U/B/E, TSN, stream identifier, stream sequence number, PPID, user data.</summary>
internal readonly ref struct SctpDataChunk
{
    /// <summary>Chunk header (4) plus TSN, stream id, SSN, PPID (12).</summary>
    public const int HeaderSize = 16;

    public const byte EndingFlag = 0x01;
    public const byte BeginningFlag = 0x02;
    public const byte UnorderedFlag = 0x04;

    public SctpDataChunk(byte flags, uint tsn, ushort streamId, ushort streamSequence, uint ppid, ReadOnlySpan<byte> userData)
    {
        Flags = flags;
        Tsn = tsn;
        StreamId = streamId;
        StreamSequence = streamSequence;
        Ppid = ppid;
        UserData = userData;
    }

    public byte Flags { get; }

    public uint Tsn { get; }

    public ushort StreamId { get; }

    public ushort StreamSequence { get; }

    public uint Ppid { get; }

    public ReadOnlySpan<byte> UserData { get; }

    public bool Unordered => (Flags & UnorderedFlag) != 0;

    public bool Beginning => (Flags & BeginningFlag) != 0;

    public bool Ending => (Flags & EndingFlag) != 0;

    /// <returns><see cref="OperationStatus.InvalidData"/> for a value shorter than the fixed fields or with no user
    /// data (RFC 4960 §6.2: "No User Data" is a protocol error).</returns>
    public static OperationStatus TryParse(SctpChunk chunk, out SctpDataChunk data)
    {
        ReadOnlySpan<byte> v = chunk.Value;
        if (v.Length <= 12)
        {
            data = default;
            return OperationStatus.InvalidData;
        }

        data = new SctpDataChunk(chunk.Flags,
            BinaryPrimitives.ReadUInt32BigEndian(v),
            BinaryPrimitives.ReadUInt16BigEndian(v[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(v[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(v[8..]),
            v[12..]);
        return OperationStatus.Done;
    }

    /// <summary>Writes the fixed fields after the chunk header (12 bytes) into <paramref name="value"/>.</summary>
    public static void WriteFields(Span<byte> value, uint tsn, ushort streamId, ushort streamSequence, uint ppid)
    {
        BinaryPrimitives.WriteUInt32BigEndian(value, tsn);
        BinaryPrimitives.WriteUInt16BigEndian(value[4..], streamId);
        BinaryPrimitives.WriteUInt16BigEndian(value[6..], streamSequence);
        BinaryPrimitives.WriteUInt32BigEndian(value[8..], ppid);
    }
}
