using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>
/// Feedback messages (RFC 4585 §6.1): common header with sender and media SSRC, then FCI. Generic NACK
/// (§6.2.1), PLI (§6.3.1) and FIR (RFC 5104 §4.3.1) are read and written; others pass through opaquely.
/// </summary>
internal static class RtcpFeedback
{
    public const int CommonLength = 12;

    /// <summary>Reads the sender and media SSRC of any RTPFB/PSFB packet.</summary>
    public static bool TryReadSsrcs(ReadOnlySpan<byte> packet, out byte format, out uint senderSsrc, out uint mediaSsrc)
    {
        format = 0;
        senderSsrc = 0;
        mediaSsrc = 0;
        if (RtcpHeader.TryParse(packet, out var header) != RtpParseStatus.Success
            || header.Type is not (RtcpPacketType.TransportFeedback or RtcpPacketType.PayloadSpecificFeedback)
            || header.Length < CommonLength)
        {
            return false;
        }

        format = header.Count;
        senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[8..]);
        return true;
    }

    /// <summary>
    /// Expands a generic NACK's PID/BLP pairs into lost sequence numbers; returns how many were written (at most
    /// <paramref name="lost"/>.Length), or -1 when the packet is not a well-formed generic NACK.
    /// </summary>
    public static int ReadGenericNack(ReadOnlySpan<byte> packet, Span<ushort> lost)
    {
        if (!TryReadSsrcs(packet, out byte format, out _, out _) || format != RtcpFeedbackFormat.GenericNack || packet[1] != (byte)RtcpPacketType.TransportFeedback)
        {
            return -1;
        }

        RtcpHeader.TryParse(packet, out var header);
        int count = 0;
        for (int offset = CommonLength; offset + 4 <= header.Length; offset += 4)
        {
            ushort pid = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            ushort blp = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            if (count < lost.Length)
            {
                lost[count++] = pid;
            }

            for (int bit = 0; bit < 16; bit++)
            {
                if ((blp & (1 << bit)) != 0 && count < lost.Length)
                {
                    lost[count++] = unchecked((ushort)(pid + bit + 1));
                }
            }
        }

        return count;
    }

    /// <summary>
    /// Writes a generic NACK for <paramref name="lost"/> (ascending, modulo 2^16), packing runs into PID/BLP pairs.
    /// </summary>
    public static int WriteGenericNack(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost)
    {
        int offset = CommonLength;
        int i = 0;
        while (i < lost.Length && offset + 4 <= destination.Length)
        {
            ushort pid = lost[i++];
            ushort blp = 0;
            while (i < lost.Length)
            {
                int distance = (ushort)(lost[i] - pid);
                if (distance is < 1 or > 16)
                {
                    break;
                }

                blp |= (ushort)(1 << (distance - 1));
                i++;
            }

            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], blp);
            offset += 4;
        }

        WriteCommon(destination, RtcpFeedbackFormat.GenericNack, RtcpPacketType.TransportFeedback, offset, senderSsrc, mediaSsrc);
        return offset;
    }

    public static int WritePictureLossIndication(Span<byte> destination, uint senderSsrc, uint mediaSsrc)
    {
        WriteCommon(destination, RtcpFeedbackFormat.PictureLossIndication, RtcpPacketType.PayloadSpecificFeedback, CommonLength, senderSsrc, mediaSsrc);
        return CommonLength;
    }

    /// <summary>FIR with one FCI entry (RFC 5104 §4.3.1): media SSRC of the common header is 0.</summary>
    public static int WriteFullIntraRequest(Span<byte> destination, uint senderSsrc, uint targetSsrc, byte sequenceNumber)
    {
        const int length = CommonLength + 8;
        WriteCommon(destination, RtcpFeedbackFormat.FullIntraRequest, RtcpPacketType.PayloadSpecificFeedback, length, senderSsrc, 0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], targetSsrc);
        destination[16] = sequenceNumber;
        destination[17] = 0;
        destination[18] = 0;
        destination[19] = 0;
        return length;
    }

    /// <summary>Reads the first FCI entry of a FIR: the SSRC asked for a key frame and the command sequence number.</summary>
    public static bool TryReadFullIntraRequest(ReadOnlySpan<byte> packet, out uint targetSsrc, out byte sequenceNumber)
    {
        targetSsrc = 0;
        sequenceNumber = 0;
        if (!TryReadSsrcs(packet, out byte format, out _, out _) || format != RtcpFeedbackFormat.FullIntraRequest
            || packet[1] != (byte)RtcpPacketType.PayloadSpecificFeedback || packet.Length < CommonLength + 8)
        {
            return false;
        }

        targetSsrc = BinaryPrimitives.ReadUInt32BigEndian(packet[12..]);
        sequenceNumber = packet[16];
        return true;
    }

    private static void WriteCommon(Span<byte> destination, byte format, RtcpPacketType type, int length, uint senderSsrc, uint mediaSsrc)
    {
        RtcpHeader.Write(destination, format, type, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
    }
}
