using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// One RE-CONFIG parameter (RFC 6525 §4): an Outgoing SSN Reset Request (§4.1: request seq, response seq, sender's
/// last assigned TSN, stream list), or a Re-configuration Response (§4.4: response seq, result). Other request
/// types are recognised by <see cref="Type"/> only.
/// </summary>
internal readonly ref struct SctpReconfigParameter
{
    private readonly ReadOnlySpan<byte> _streams;

    private SctpReconfigParameter(ushort type, uint requestSequence, uint responseSequence, uint lastTsn, uint result,
        ReadOnlySpan<byte> streams)
    {
        Type = type;
        RequestSequence = requestSequence;
        ResponseSequence = responseSequence;
        LastTsn = lastTsn;
        Result = result;
        _streams = streams;
    }

    public ushort Type { get; }

    /// <summary>Re-configuration Request Sequence Number (requests), or the sequence being answered (responses).</summary>
    public uint RequestSequence { get; }

    public uint ResponseSequence { get; }

    public uint LastTsn { get; }

    public uint Result { get; }

    public int StreamCount => _streams.Length / 2;

    public ushort GetStream(int index) => BinaryPrimitives.ReadUInt16BigEndian(_streams[(2 * index)..]);

    /// <summary>Reads the parameter at the start of <paramref name="source"/>; consumed includes padding.</summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> source, out SctpReconfigParameter parameter, out int bytesConsumed)
    {
        parameter = default;
        bytesConsumed = 0;
        if (source.Length < 4)
        {
            return OperationStatus.InvalidData;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(source);
        int length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if (length < 4 || length > source.Length)
        {
            return OperationStatus.InvalidData;
        }

        ReadOnlySpan<byte> body = source[4..length];
        bytesConsumed = Math.Min(SctpChunk.Pad4(length), source.Length);
        switch (type)
        {
            case SctpParameterType.OutgoingSsnResetRequest:
                if (body.Length < 12 || body.Length % 2 != 0)
                {
                    return OperationStatus.InvalidData;
                }

                parameter = new SctpReconfigParameter(type, BinaryPrimitives.ReadUInt32BigEndian(body),
                    BinaryPrimitives.ReadUInt32BigEndian(body[4..]), BinaryPrimitives.ReadUInt32BigEndian(body[8..]), 0, body[12..]);
                return OperationStatus.Done;
            case SctpParameterType.ReconfigResponse:
                if (body.Length < 8)
                {
                    return OperationStatus.InvalidData;
                }

                parameter = new SctpReconfigParameter(type, BinaryPrimitives.ReadUInt32BigEndian(body), 0, 0,
                    BinaryPrimitives.ReadUInt32BigEndian(body[4..]), default);
                return OperationStatus.Done;
            default:
                if (body.Length < 4)
                {
                    return OperationStatus.InvalidData;
                }

                parameter = new SctpReconfigParameter(type, BinaryPrimitives.ReadUInt32BigEndian(body), 0, 0, 0, default);
                return OperationStatus.Done;
        }
    }
}
