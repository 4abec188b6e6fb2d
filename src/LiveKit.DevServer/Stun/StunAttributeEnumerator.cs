using System.Buffers.Binary;

namespace LiveKit.DevServer.Stun;

/// <summary>
/// Walks the attributes of a message that <see cref="StunMessage.TryParse"/> already validated, so every
/// header and value is known to fit.
/// </summary>
internal ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private int _next;
    private StunAttribute _current;

    public StunAttributeEnumerator(ReadOnlySpan<byte> message)
    {
        _message = message;
        _next = StunConstants.HeaderLength;
        _current = default;
    }

    public readonly StunAttribute Current => _current;

    public readonly StunAttributeEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_next + StunConstants.AttributeHeaderLength > _message.Length)
        {
            return false;
        }

        var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(_message[_next..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_message[(_next + 2)..]);
        _current = new StunAttribute(type, _message.Slice(_next + StunConstants.AttributeHeaderLength, length), _next);
        _next += StunConstants.AttributeHeaderLength + StunConstants.Pad(length);
        return true;
    }
}
