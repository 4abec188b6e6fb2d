namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Minimal protobuf wire-format reader over a span (https://protobuf.dev/programming-guides/encoding/):
/// enough to pick a few fields out of a message without allocating. Every method returns false on
/// malformed or truncated input instead of throwing.
/// </summary>
internal ref struct ProtoWireReader
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ProtoWireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;

    /// <summary>Reads a field key; field numbers start at 1.</summary>
    public bool TryReadTag(out int fieldNumber, out int wireType)
    {
        fieldNumber = 0;
        wireType = 0;
        if (!TryReadVarint(out ulong key) || key > uint.MaxValue)
        {
            return false;
        }
        fieldNumber = (int)(key >> 3);
        wireType = (int)(key & 7);
        return fieldNumber > 0;
    }

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                return false;
            }
            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }
        return false;
    }

    public bool TryReadLengthDelimited(out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (!TryReadVarint(out ulong length) || length > (ulong)(_data.Length - _position))
        {
            return false;
        }
        payload = _data.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }

    /// <summary>Skips the value of a field of the given wire type (groups are not used by livekit_ffi).</summary>
    public bool TrySkip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint:
                return TryReadVarint(out _);
            case WireFixed64:
                return Advance(8);
            case WireLengthDelimited:
                return TryReadLengthDelimited(out _);
            case WireFixed32:
                return Advance(4);
            default:
                return false;
        }
    }

    private bool Advance(int count)
    {
        if (_data.Length - _position < count)
        {
            return false;
        }
        _position += count;
        return true;
    }
}
