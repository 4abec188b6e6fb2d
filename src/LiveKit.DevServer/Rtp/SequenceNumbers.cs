namespace LiveKit.DevServer.Rtp;

/// <summary>Serial-number arithmetic on 16-bit RTP sequence numbers (RFC 1982 style, as RFC 3550 A.1 uses).</summary>
internal static class SequenceNumbers
{
    /// <summary>True when <paramref name="a"/> comes after <paramref name="b"/> within half the number space.</summary>
    public static bool IsNewer(ushort a, ushort b) => a != b && (ushort)(a - b) < 0x8000;

    /// <summary>Signed distance a - b in the range -32768..32767.</summary>
    public static int Distance(ushort a, ushort b) => (short)(ushort)(a - b);
}
