using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace LiveKit.DevServer.Stun;

/// <summary>
/// Builds a STUN message into a caller-owned buffer (RFC 5389 §6, §15), keeping the header's length field current
/// after every attribute so MESSAGE-INTEGRITY and FINGERPRINT can be appended last, in that order.
/// </summary>
internal ref struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private readonly byte _paddingByte;
    private int _length;

    /// <param name="buffer">Destination; <see cref="StunConstants.MaxMessageLength"/> bytes always suffice for ICE.</param>
    /// <param name="paddingByte">Value of padding bytes; any value is legal (RFC 5389 §15), zero is usual.</param>
    public StunMessageWriter(Span<byte> buffer, StunMessageClass messageClass, StunMethod method, ReadOnlySpan<byte> transactionId, byte paddingByte = 0)
    {
        if (transactionId.Length != StunConstants.TransactionIdLength)
        {
            throw new ArgumentException("A STUN transaction id is 12 bytes.", nameof(transactionId));
        }

        EnsureCapacity(buffer, StunConstants.HeaderLength);
        _buffer = buffer;
        _paddingByte = paddingByte;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, StunMessage.EncodeType(messageClass, method));
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunConstants.MagicCookie);
        transactionId.CopyTo(buffer[8..]);
        _length = StunConstants.HeaderLength;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    public void AddAttribute(StunAttributeType type, scoped ReadOnlySpan<byte> value)
    {
        var slot = BeginAttribute(type, value.Length);
        value.CopyTo(slot);
        EndAttribute(value.Length);
    }

    public void AddEmpty(StunAttributeType type) => AddAttribute(type, []);

    public void AddUInt32(StunAttributeType type, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(BeginAttribute(type, 4), value);
        EndAttribute(4);
    }

    public void AddUInt64(StunAttributeType type, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(BeginAttribute(type, 8), value);
        EndAttribute(8);
    }

    public void AddText(StunAttributeType type, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int length = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, BeginAttribute(type, length));
        EndAttribute(length);
    }

    public void AddXorMappedAddress(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var transactionId = _buffer.Slice(8, StunConstants.TransactionIdLength);
        int length = StunXorAddress.ValueLength(endPoint.Address.IsIPv4MappedToIPv6 ? System.Net.Sockets.AddressFamily.InterNetwork : endPoint.AddressFamily);
        var slot = BeginAttribute(StunAttributeType.XorMappedAddress, length);
        StunXorAddress.Encode(endPoint, transactionId, slot);
        EndAttribute(length);
    }

    public void AddErrorCode(int code, string? reason = null)
    {
        reason ??= StunErrorCode.DefaultReason(code);
        int length = 4 + Encoding.UTF8.GetByteCount(reason);
        StunErrorCode.Encode(code, reason, BeginAttribute(StunAttributeType.ErrorCode, length));
        EndAttribute(length);
    }

    /// <summary>Appends MESSAGE-INTEGRITY keyed with <paramref name="key"/> (RFC 5389 §15.4).</summary>
    public void AddMessageIntegrity(scoped ReadOnlySpan<byte> key)
    {
        int offset = _length;
        var slot = BeginAttribute(StunAttributeType.MessageIntegrity, StunConstants.MessageIntegrityLength);
        StunMessageIntegrity.Compute(_buffer, offset, key, slot);
        EndAttribute(StunConstants.MessageIntegrityLength);
    }

    /// <summary>Appends FINGERPRINT (RFC 5389 §15.5); it must be the last attribute.</summary>
    public void AddFingerprint()
    {
        int offset = _length;
        var slot = BeginAttribute(StunAttributeType.Fingerprint, StunConstants.FingerprintLength);
        BinaryPrimitives.WriteUInt32BigEndian(slot, StunFingerprint.Compute(_buffer, offset));
        EndAttribute(StunConstants.FingerprintLength);
    }

    /// <summary>Writes the attribute header, counts the attribute in the length field and returns the value slot.</summary>
    private Span<byte> BeginAttribute(StunAttributeType type, int valueLength)
    {
        int padded = StunConstants.Pad(valueLength);
        EnsureCapacity(_buffer, _length + StunConstants.AttributeHeaderLength + padded);
        if (valueLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(valueLength), valueLength, "STUN attribute value too long.");
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_length + 2)..], (ushort)valueLength);
        int end = _length + StunConstants.AttributeHeaderLength + padded;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(end - StunConstants.HeaderLength));
        return _buffer.Slice(_length + StunConstants.AttributeHeaderLength, valueLength);
    }

    private void EndAttribute(int valueLength)
    {
        int start = _length + StunConstants.AttributeHeaderLength;
        int padded = StunConstants.Pad(valueLength);
        _buffer.Slice(start + valueLength, padded - valueLength).Fill(_paddingByte);
        _length = start + padded;
    }

    private static void EnsureCapacity(Span<byte> buffer, int needed)
    {
        if (buffer.Length < needed)
        {
            throw new ArgumentException($"STUN buffer of {buffer.Length} bytes is too small; {needed} needed.", nameof(buffer));
        }
    }
}
