using System.Buffers;
using System.Buffers.Binary;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// INIT and INIT ACK (RFC 4960 §3.3.2, §3.3.3): fixed fields, then the parameters we act on — State Cookie,
/// Forward-TSN-Supported (RFC 3758 §3.1) and Supported Extensions (RFC 5061 §4.2.7).
/// </summary>
internal readonly ref struct SctpInitChunk
{
    public const int FixedSize = 16;

    private SctpInitChunk(uint initiateTag, uint advertisedReceiverWindow, ushort outboundStreams, ushort inboundStreams,
        uint initialTsn, ReadOnlySpan<byte> stateCookie, bool forwardTsnSupported, bool reconfigSupported)
    {
        InitiateTag = initiateTag;
        AdvertisedReceiverWindow = advertisedReceiverWindow;
        OutboundStreams = outboundStreams;
        InboundStreams = inboundStreams;
        InitialTsn = initialTsn;
        StateCookie = stateCookie;
        ForwardTsnSupported = forwardTsnSupported;
        ReconfigSupported = reconfigSupported;
    }

    public uint InitiateTag { get; }

    public uint AdvertisedReceiverWindow { get; }

    public ushort OutboundStreams { get; }

    public ushort InboundStreams { get; }

    public uint InitialTsn { get; }

    /// <summary>Empty unless this is an INIT ACK.</summary>
    public ReadOnlySpan<byte> StateCookie { get; }

    public bool ForwardTsnSupported { get; }

    public bool ReconfigSupported { get; }

    /// <summary>
    /// Parses the fixed fields and walks the parameters. RFC 4960 §3.3.2.1 rejects a zero initiate tag and zero
    /// stream counts; unknown parameters follow §3.2.1 (upper bits 0x: stop processing, 1x: skip).
    /// </summary>
    public static OperationStatus TryParse(ReadOnlySpan<byte> value, out SctpInitChunk init)
    {
        init = default;
        if (value.Length < FixedSize)
        {
            return OperationStatus.InvalidData;
        }

        uint tag = BinaryPrimitives.ReadUInt32BigEndian(value);
        uint window = BinaryPrimitives.ReadUInt32BigEndian(value[4..]);
        ushort outbound = BinaryPrimitives.ReadUInt16BigEndian(value[8..]);
        ushort inbound = BinaryPrimitives.ReadUInt16BigEndian(value[10..]);
        uint tsn = BinaryPrimitives.ReadUInt32BigEndian(value[12..]);
        if (tag == 0 || outbound == 0 || inbound == 0)
        {
            return OperationStatus.InvalidData;
        }

        ReadOnlySpan<byte> cookie = default;
        bool forwardTsn = false;
        bool reconfig = false;
        ReadOnlySpan<byte> parameters = value[FixedSize..];
        while (parameters.Length >= 4)
        {
            ushort type = BinaryPrimitives.ReadUInt16BigEndian(parameters);
            int length = BinaryPrimitives.ReadUInt16BigEndian(parameters[2..]);
            if (length < 4 || length > parameters.Length)
            {
                return OperationStatus.InvalidData;
            }

            ReadOnlySpan<byte> body = parameters[4..length];
            switch (type)
            {
                case SctpParameterType.StateCookie:
                    cookie = body;
                    break;
                case SctpParameterType.ForwardTsnSupported:
                    forwardTsn = true;
                    break;
                case SctpParameterType.SupportedExtensions:
                    forwardTsn |= body.Contains((byte)SctpChunkType.ForwardTsn);
                    reconfig |= body.Contains((byte)SctpChunkType.Reconfig);
                    break;
                default:
                    if ((type & 0x8000) == 0)
                    {
                        // §3.2.1: upper bit 0 means stop processing this chunk's parameters.
                        parameters = default;
                        continue;
                    }

                    break;
            }

            parameters = parameters[Math.Min(SctpChunk.Pad4(length), parameters.Length)..];
        }

        init = new SctpInitChunk(tag, window, outbound, inbound, tsn, cookie, forwardTsn, reconfig);
        return OperationStatus.Done;
    }

    /// <summary>Writes the fixed fields and our capability parameters; returns bytes written (before the cookie).</summary>
    public static int WriteFixedAndCapabilities(Span<byte> value, uint initiateTag, uint window, ushort outbound,
        ushort inbound, uint initialTsn)
    {
        BinaryPrimitives.WriteUInt32BigEndian(value, initiateTag);
        BinaryPrimitives.WriteUInt32BigEndian(value[4..], window);
        BinaryPrimitives.WriteUInt16BigEndian(value[8..], outbound);
        BinaryPrimitives.WriteUInt16BigEndian(value[10..], inbound);
        BinaryPrimitives.WriteUInt32BigEndian(value[12..], initialTsn);

        // Supported Extensions: FORWARD TSN and RE-CONFIG (6 bytes + 2 padding).
        Span<byte> p = value[FixedSize..];
        BinaryPrimitives.WriteUInt16BigEndian(p, SctpParameterType.SupportedExtensions);
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], 6);
        p[4] = (byte)SctpChunkType.ForwardTsn;
        p[5] = (byte)SctpChunkType.Reconfig;
        p[6] = 0;
        p[7] = 0;

        // Forward-TSN-Supported (RFC 3758 §3.1).
        BinaryPrimitives.WriteUInt16BigEndian(p[8..], SctpParameterType.ForwardTsnSupported);
        BinaryPrimitives.WriteUInt16BigEndian(p[10..], 4);
        return FixedSize + CapabilitiesSize;
    }

    public const int CapabilitiesSize = 12;
}
