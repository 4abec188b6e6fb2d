using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>
/// In-place edits of the fixed RTP header (RFC 3550 §5.1), used when forwarding: nothing else in the packet moves.
/// The caller has already parsed the packet, so the fixed 12 bytes are there.
/// </summary>
internal static class RtpHeaderFields
{
    /// <summary>Replaces the payload type and keeps the marker bit.</summary>
    public static void SetPayloadType(Span<byte> packet, byte payloadType) => packet[1] = (byte)((packet[1] & 0x80) | (payloadType & 0x7F));

    public static void SetSequenceNumber(Span<byte> packet, ushort sequenceNumber) => BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequenceNumber);

    public static void SetTimestamp(Span<byte> packet, uint timestamp) => BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);

    public static void SetSsrc(Span<byte> packet, uint ssrc) => BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);

    /// <summary>
    /// Writes a fixed header with no CSRCs and no extension; returns <see cref="RtpHeader.FixedLength"/>.
    /// </summary>
    public static int WriteFixedHeader(Span<byte> destination, bool marker, byte payloadType, ushort sequenceNumber, uint timestamp, uint ssrc, bool padding = false)
    {
        destination[0] = (byte)((RtpHeader.Version2 << 6) | (padding ? 0x20 : 0));
        destination[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        SetSequenceNumber(destination, sequenceNumber);
        SetTimestamp(destination, timestamp);
        SetSsrc(destination, ssrc);
        return RtpHeader.FixedLength;
    }
}
