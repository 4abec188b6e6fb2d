namespace LiveKit.DevServer.Rtp;

/// <summary>
/// The last packets sent on one outgoing stream, by sequence number, so a subscriber's NACK (RFC 4585 §6.2.1) can
/// be answered from the server without bothering the publisher. A fixed ring of slots in one array: memory is
/// capacity × slot size, allocated once.
/// </summary>
/// <remarks>Not thread-safe: the owning track's send lock guards it.</remarks>
internal sealed class RtpPacketCache
{
    private readonly byte[] _slots;
    private readonly int[] _lengths;
    private readonly ushort[] _sequences;
    private readonly int _slotSize;

    public RtpPacketCache(int capacity, int slotSize = 1500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotSize, RtpHeader.FixedLength);
        Capacity = capacity;
        _slotSize = slotSize;
        _slots = new byte[capacity * slotSize];
        _lengths = new int[capacity];
        _sequences = new ushort[capacity];
    }

    public int Capacity { get; }

    /// <summary>Stores a plaintext packet (already rewritten); larger than a slot is not cached.</summary>
    public void Add(ushort sequence, ReadOnlySpan<byte> packet)
    {
        int slot = sequence % Capacity;
        if (packet.Length > _slotSize)
        {
            _lengths[slot] = 0;
            return;
        }

        packet.CopyTo(_slots.AsSpan(slot * _slotSize));
        _lengths[slot] = packet.Length;
        _sequences[slot] = sequence;
    }

    /// <summary>Copies the packet with <paramref name="sequence"/> into <paramref name="destination"/>; 0 when gone.</summary>
    public int TryCopy(ushort sequence, Span<byte> destination)
    {
        int slot = sequence % Capacity;
        int length = _lengths[slot];
        if (length == 0 || _sequences[slot] != sequence || length > destination.Length)
        {
            return 0;
        }

        _slots.AsSpan(slot * _slotSize, length).CopyTo(destination);
        return length;
    }
}
