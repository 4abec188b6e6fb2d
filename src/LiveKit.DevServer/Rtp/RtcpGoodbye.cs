using System.Buffers.Binary;

namespace LiveKit.DevServer.Rtp;

/// <summary>BYE packets (RFC 3550 §6.6): the sources that leave; the optional reason is ignored.</summary>
internal static class RtcpGoodbye
{
    public static int Write(Span<byte> destination, ReadOnlySpan<uint> ssrcs)
    {
        int count = Math.Min(ssrcs.Length, 31);
        int length = RtcpHeader.Size + (count * 4);
        RtcpHeader.Write(destination, (byte)count, RtcpPacketType.Goodbye, length);
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[(4 + (i * 4))..], ssrcs[i]);
        }

        return length;
    }

    /// <summary>Copies the leaving SSRCs into <paramref name="ssrcs"/>; returns how many, or -1 when malformed.</summary>
    public static int Read(ReadOnlySpan<byte> packet, Span<uint> ssrcs)
    {
        if (RtcpHeader.TryParse(packet, out var header) != RtpParseStatus.Success || header.Type != RtcpPacketType.Goodbye
            || header.Length < RtcpHeader.Size + (header.Count * 4))
        {
            return -1;
        }

        int count = Math.Min(header.Count, ssrcs.Length);
        for (int i = 0; i < count; i++)
        {
            ssrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(packet[(4 + (i * 4))..]);
        }

        return count;
    }
}
