using System.Buffers;

namespace LiveKit.DevServer.Sctp;

/// <summary>A received DATA chunk's payload held (in a pooled buffer) until its message is complete and in order.</summary>
internal sealed class SctpInboundFragment
{
    private byte[]? _buffer;

    public SctpInboundFragment(in SctpDataChunk data)
    {
        Tsn = data.Tsn;
        StreamId = data.StreamId;
        StreamSequence = data.StreamSequence;
        Ppid = data.Ppid;
        Beginning = data.Beginning;
        Ending = data.Ending;
        Unordered = data.Unordered;
        Length = data.UserData.Length;
        _buffer = ArrayPool<byte>.Shared.Rent(Length);
        data.UserData.CopyTo(_buffer);
    }

    public uint Tsn { get; }

    public ushort StreamId { get; }

    public ushort StreamSequence { get; }

    public uint Ppid { get; }

    public bool Beginning { get; }

    public bool Ending { get; }

    public bool Unordered { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Data => (_buffer ?? throw new ObjectDisposedException(nameof(SctpInboundFragment))).AsSpan(0, Length);

    public void Release()
    {
        byte[]? buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
