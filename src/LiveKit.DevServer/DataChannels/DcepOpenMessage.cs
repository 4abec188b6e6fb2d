using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LiveKit.DevServer.DataChannels;

/// <summary>
/// DATA_CHANNEL_OPEN (RFC 8832 §5.1): type 0x03, channel type, priority, reliability parameter, label and
/// protocol lengths, then label and protocol as UTF-8.
/// </summary>
internal sealed record DcepOpenMessage(DataChannelType ChannelType, ushort Priority, uint ReliabilityParameter,
    string Label, string Protocol)
{
    public const int FixedSize = 12;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public int EncodedLength => FixedSize + StrictUtf8.GetByteCount(Label) + StrictUtf8.GetByteCount(Protocol);

    /// <returns><see cref="OperationStatus.NeedMoreData"/> if shorter than its declared lengths;
    /// <see cref="OperationStatus.InvalidData"/> for another message type, an unknown channel type or bad UTF-8.</returns>
    public static OperationStatus TryParse(ReadOnlySpan<byte> message, out DcepOpenMessage? open)
    {
        open = null;
        if (message.Length < FixedSize)
        {
            return OperationStatus.NeedMoreData;
        }

        if (message[0] != (byte)DcepMessageType.DataChannelOpen || !Enum.IsDefined((DataChannelType)message[1]))
        {
            return OperationStatus.InvalidData;
        }

        int labelLength = BinaryPrimitives.ReadUInt16BigEndian(message[8..]);
        int protocolLength = BinaryPrimitives.ReadUInt16BigEndian(message[10..]);
        if (message.Length < FixedSize + labelLength + protocolLength)
        {
            return OperationStatus.NeedMoreData;
        }

        try
        {
            open = new DcepOpenMessage(
                (DataChannelType)message[1],
                BinaryPrimitives.ReadUInt16BigEndian(message[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(message[4..]),
                StrictUtf8.GetString(message.Slice(FixedSize, labelLength)),
                StrictUtf8.GetString(message.Slice(FixedSize + labelLength, protocolLength)));
            return OperationStatus.Done;
        }
        catch (DecoderFallbackException)
        {
            return OperationStatus.InvalidData;
        }
    }

    /// <summary>Writes the message; <paramref name="destination"/> must hold <see cref="EncodedLength"/> bytes.</summary>
    public int Write(Span<byte> destination)
    {
        destination[0] = (byte)DcepMessageType.DataChannelOpen;
        destination[1] = (byte)ChannelType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Priority);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ReliabilityParameter);
        int labelLength = StrictUtf8.GetBytes(Label, destination[FixedSize..]);
        int protocolLength = StrictUtf8.GetBytes(Protocol, destination[(FixedSize + labelLength)..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)labelLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)protocolLength);
        return FixedSize + labelLength + protocolLength;
    }
}
