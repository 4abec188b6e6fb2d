namespace LiveKit.DevServer.Transport;

/// <summary>
/// Demultiplexes the one media port by first byte (RFC 7983 §7) and RTP from RTCP by the second byte
/// (RFC 5761 §4: RTCP packet types 192-223 fall where RTP payload types 64-95 with the marker bit would).
/// </summary>
internal static class DatagramClassifier
{
    public static DatagramKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return DatagramKind.Unknown;
        }

        byte first = datagram[0];
        return first switch
        {
            <= 3 => DatagramKind.Stun,
            >= 20 and <= 63 => DatagramKind.Dtls,
            >= 128 and <= 191 when datagram.Length >= 2 => datagram[1] is >= 192 and <= 223 ? DatagramKind.Rtcp : DatagramKind.Rtp,
            _ => DatagramKind.Unknown,
        };
    }
}
