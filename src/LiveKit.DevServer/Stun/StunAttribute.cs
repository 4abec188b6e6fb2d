namespace LiveKit.DevServer.Stun;

/// <summary>One attribute of a parsed STUN message: its type, its unpadded value, and where its header starts.</summary>
internal readonly ref struct StunAttribute
{
    public StunAttribute(StunAttributeType type, ReadOnlySpan<byte> value, int offset)
    {
        Type = type;
        Value = value;
        Offset = offset;
    }

    public StunAttributeType Type { get; }

    /// <summary>The value without its padding (RFC 5389 §15).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Offset of the attribute header from the start of the message.</summary>
    public int Offset { get; }

    /// <summary>True for types 0x0000-0x7FFF, which a receiver must understand (RFC 5389 §15).</summary>
    public bool IsComprehensionRequired => (ushort)Type < 0x8000;
}
