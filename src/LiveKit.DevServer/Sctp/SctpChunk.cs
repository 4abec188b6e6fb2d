using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>A view of one chunk (RFC 4960 §3.2): type, flags, and the value after the 4-byte chunk header.</summary>
internal readonly ref struct SctpChunk
{
    public const int HeaderSize = 4;

    public SctpChunk(byte type, byte flags, ReadOnlySpan<byte> value, ReadOnlySpan<byte> whole)
    {
        Type = type;
        Flags = flags;
        Value = value;
        Whole = whole;
    }

    public byte Type { get; }

    public byte Flags { get; }

    /// <summary>Chunk value, without header and padding.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Header plus value, without padding (what an Unrecognized Chunk Type cause quotes).</summary>
    public ReadOnlySpan<byte> Whole { get; }

    /// <summary>
    /// Reads the chunk at the start of <paramref name="source"/>. <paramref name="bytesConsumed"/> includes padding
    /// to 4 bytes (RFC 4960 §3.2; a missing pad after the last chunk is tolerated).
    /// </summary>
    /// <returns><see cref="OperationStatus.NeedMoreData"/> when the header or value is cut short,
    /// <see cref="OperationStatus.InvalidData"/> when the length field is below the header size.</returns>
    public static OperationStatus TryRead(ReadOnlySpan<byte> source, out SctpChunk chunk, out int bytesConsumed)
    {
        chunk = default;
        bytesConsumed = 0;
        if (source.Length < HeaderSize)
        {
            return OperationStatus.NeedMoreData;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (length < HeaderSize)
        {
            return OperationStatus.InvalidData;
        }

        if (length > source.Length)
        {
            return OperationStatus.NeedMoreData;
        }

        chunk = new SctpChunk(source[0], source[1], source[HeaderSize..length], source[..length]);
        bytesConsumed = Math.Min(Pad4(length), source.Length);
        return OperationStatus.Done;
    }

    public static int Pad4(int length) => (length + 3) & ~3;
}
