using System.Buffers.Binary;
using System.Text;

namespace LiveKit.DevServer.Rtp;

/// <summary>SDES packets (RFC 3550 §6.5): we write one chunk with a CNAME, and read CNAMEs of the peer's chunks.</summary>
internal static class RtcpSourceDescription
{
    public const byte ItemEnd = 0;
    public const byte ItemCname = 1;

    /// <summary>Writes an SDES with one chunk: SSRC, CNAME item, end item, padded to 32 bits.</summary>
    public static int WriteCname(Span<byte> destination, uint ssrc, string cname)
    {
        ArgumentNullException.ThrowIfNull(cname);
        int nameLength = Math.Min(Encoding.UTF8.GetByteCount(cname), 255);
        int chunk = 4 + 2 + nameLength + 1;
        int length = RtcpHeader.Size + ((chunk + 3) & ~3);
        RtcpHeader.Write(destination, 1, RtcpPacketType.SourceDescription, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        destination[8] = ItemCname;
        destination[9] = (byte)nameLength;
        Span<byte> name = stackalloc byte[Encoding.UTF8.GetByteCount(cname)];
        Encoding.UTF8.GetBytes(cname, name);
        name[..nameLength].CopyTo(destination[10..]);
        destination[(10 + nameLength)..length].Clear();
        return length;
    }

    /// <summary>Finds the CNAME of the first chunk; false when the packet is not a well-formed SDES with one.</summary>
    public static bool TryReadFirstCname(ReadOnlySpan<byte> packet, out uint ssrc, out string cname)
    {
        ssrc = 0;
        cname = string.Empty;
        if (RtcpHeader.TryParse(packet, out var header) != RtpParseStatus.Success || header.Type != RtcpPacketType.SourceDescription || header.Count == 0 || header.Length < 12)
        {
            return false;
        }

        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        int offset = 8;
        while (offset + 2 <= header.Length && packet[offset] != ItemEnd)
        {
            byte type = packet[offset];
            int length = packet[offset + 1];
            if (offset + 2 + length > header.Length)
            {
                return false;
            }

            if (type == ItemCname)
            {
                cname = Encoding.UTF8.GetString(packet.Slice(offset + 2, length));
                return true;
            }

            offset += 2 + length;
        }

        return false;
    }
}
