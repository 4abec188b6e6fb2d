namespace LiveKit.DevServer.Rtp;

/// <summary>
/// Walks the elements of an RFC 8285 extension block: one-byte form under profile 0xBEDE (§4.2), two-byte form under
/// 0x100X (§4.3). Padding bytes (0) are skipped; an element running past the block ends the walk and sets
/// <see cref="IsMalformed"/>. Other profiles yield nothing.
/// </summary>
internal ref struct RtpHeaderExtensionEnumerator
{
    public const ushort OneByteProfile = 0xBEDE;
    public const ushort TwoByteProfileMask = 0xFFF0;
    public const ushort TwoByteProfile = 0x1000;

    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _oneByte;
    private readonly bool _twoByte;
    private int _offset;
    private RtpHeaderExtension _current;

    public RtpHeaderExtensionEnumerator(ushort profile, ReadOnlySpan<byte> data)
    {
        _data = data;
        _oneByte = profile == OneByteProfile;
        _twoByte = (profile & TwoByteProfileMask) == TwoByteProfile;
        _offset = 0;
        _current = default;
        IsMalformed = false;
    }

    public bool IsMalformed { get; private set; }

    public readonly RtpHeaderExtension Current => _current;

    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (_offset < _data.Length)
        {
            byte first = _data[_offset];
            if (first == 0)
            {
                _offset++;
                continue;
            }

            int id;
            int length;
            int headerLength;
            if (_oneByte)
            {
                id = first >> 4;
                length = (first & 0x0F) + 1;
                headerLength = 1;
                if (id == 15)
                {
                    // RFC 8285 §4.2: ID 15 stops processing of the block.
                    return false;
                }
            }
            else if (_twoByte)
            {
                if (_offset + 1 >= _data.Length)
                {
                    IsMalformed = true;
                    return false;
                }

                id = first;
                length = _data[_offset + 1];
                headerLength = 2;
            }
            else
            {
                return false;
            }

            int start = _offset + headerLength;
            if (start + length > _data.Length)
            {
                IsMalformed = true;
                return false;
            }

            _current = new RtpHeaderExtension(id, _data.Slice(start, length));
            _offset = start + length;
            return true;
        }

        return false;
    }
}
