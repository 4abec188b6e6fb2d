using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// The 13-byte DTLS record header (RFC 6347 §4.1): type, version, epoch, 48-bit sequence number, length.
/// Used to drop malformed datagrams before they reach the DTLS engine, and to count them.
/// </summary>
internal readonly record struct DtlsRecordHeader(byte ContentType, ushort Version, ushort Epoch,
    ulong SequenceNumber, ushort FragmentLength)
{
    public const int Size = 13;

    /// <summary>RFC 6347 §4.1 / RFC 5246 §6.2.3: ciphertext is at most 2^14 + 2048 bytes.</summary>
    public const int MaxFragmentLength = (1 << 14) + 2048;

    /// <summary>DTLS 1.0 {254, 255}: used in ClientHello records and HelloVerifyRequest (RFC 6347 §4.2.1).</summary>
    public const ushort Dtls10 = 0xFEFF;

    /// <summary>DTLS 1.2 {254, 253}.</summary>
    public const ushort Dtls12 = 0xFEFD;

    /// <summary>RFC 7983 §7: a first byte in 20..63 demultiplexes a datagram to DTLS.</summary>
    public static bool IsDtlsFirstByte(byte first) => first is >= 20 and <= 63;

    /// <summary>
    /// Parses one record header and checks that its fragment is present. <paramref name="bytesConsumed"/> is the
    /// whole record (header plus fragment) on <see cref="OperationStatus.Done"/>.
    /// </summary>
    /// <returns><see cref="OperationStatus.NeedMoreData"/> if the header or fragment is cut short;
    /// <see cref="OperationStatus.InvalidData"/> for an unknown content type, version or an oversize length.</returns>
    public static OperationStatus TryParse(ReadOnlySpan<byte> source, out DtlsRecordHeader header, out int bytesConsumed)
    {
        header = default;
        bytesConsumed = 0;
        if (source.Length < Size)
        {
            return OperationStatus.NeedMoreData;
        }

        byte contentType = source[0];
        ushort version = BinaryPrimitives.ReadUInt16BigEndian(source[1..]);
        ushort epoch = BinaryPrimitives.ReadUInt16BigEndian(source[3..]);
        ulong sequence = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(source[5..]) << 32)
            | BinaryPrimitives.ReadUInt32BigEndian(source[7..]);
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(source[11..]);

        // RFC 5246 §6.2.1: change_cipher_spec(20), alert(21), handshake(22), application_data(23). Heartbeat (24,
        // RFC 6520) and connection-id records (25, RFC 9146) are never negotiated by us.
        if (contentType is < 20 or > 23
            || version is not (Dtls10 or Dtls12)
            || length > MaxFragmentLength)
        {
            return OperationStatus.InvalidData;
        }

        if (source.Length < Size + length)
        {
            return OperationStatus.NeedMoreData;
        }

        header = new DtlsRecordHeader(contentType, version, epoch, sequence, length);
        bytesConsumed = Size + length;
        return OperationStatus.Done;
    }

    /// <summary>
    /// True when the datagram is a sequence of whole, plausible records (RFC 6347 §4.1.1: records never span
    /// datagrams, so a record cut short is malformed, not "need more data").
    /// </summary>
    public static bool IsWellFormedDatagram(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return false;
        }

        while (!datagram.IsEmpty)
        {
            if (TryParse(datagram, out _, out int consumed) != OperationStatus.Done)
            {
                return false;
            }

            datagram = datagram[consumed..];
        }

        return true;
    }
}
