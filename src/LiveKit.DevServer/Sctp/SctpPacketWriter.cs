using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Builds one outgoing packet at a time into a pooled buffer: common header, chunks padded to 4 bytes
/// (RFC 4960 §3.2), then the CRC32c. Not thread-safe: the association uses it under its lock.
/// </summary>
internal sealed class SctpPacketWriter : IDisposable
{
    private readonly int _capacity;
    private byte[]? _buffer;
    private int _length;

    public SctpPacketWriter(int capacity)
    {
        _capacity = capacity;
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public int Capacity => _capacity;

    /// <summary>Bytes still free for chunks (headers and padding included).</summary>
    public int Remaining => _capacity - _length;

    public bool HasChunks => _length > SctpCommonHeader.Size;

    public void Begin(ushort sourcePort, ushort destinationPort, uint verificationTag)
    {
        SctpCommonHeader.Write(Buffer, sourcePort, destinationPort, verificationTag);
        _length = SctpCommonHeader.Size;
    }

    /// <summary>Space a chunk with this value length takes, padding included.</summary>
    public static int ChunkSpace(int valueLength) => SctpChunk.Pad4(SctpChunk.HeaderSize + valueLength);

    /// <summary>Appends a chunk header and returns the value span to fill; false if it does not fit.</summary>
    public bool TryAddChunk(SctpChunkType type, byte flags, int valueLength, out Span<byte> value) =>
        TryAddChunk((byte)type, flags, valueLength, out value);

    public bool TryAddChunk(byte type, byte flags, int valueLength, out Span<byte> value)
    {
        int space = ChunkSpace(valueLength);
        if (_length + space > _capacity)
        {
            value = default;
            return false;
        }

        Span<byte> chunk = Buffer.AsSpan(_length, space);
        chunk[0] = type;
        chunk[1] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(chunk[2..], (ushort)(SctpChunk.HeaderSize + valueLength));
        chunk[(SctpChunk.HeaderSize + valueLength)..].Clear();
        value = chunk.Slice(SctpChunk.HeaderSize, valueLength);
        _length += space;
        return true;
    }

    /// <summary>Fills in the checksum and returns the packet, valid until the next <see cref="Begin"/>.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        Span<byte> packet = Buffer.AsSpan(0, _length);
        SctpPacket.WriteChecksum(packet);
        return packet;
    }

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(SctpPacketWriter));
}
