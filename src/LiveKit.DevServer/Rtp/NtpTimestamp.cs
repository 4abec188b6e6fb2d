namespace LiveKit.DevServer.Rtp;

/// <summary>64-bit NTP timestamps as RTCP carries them (RFC 3550 §4): seconds since 1900 and a 32-bit fraction.</summary>
internal static class NtpTimestamp
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ulong FromDateTime(DateTimeOffset time)
    {
        var since = time - Epoch;
        ulong seconds = (ulong)(since.Ticks / TimeSpan.TicksPerSecond);
        ulong fraction = (ulong)(since.Ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The middle 32 bits, as LSR and DLSR use them (RFC 3550 §6.4.1).</summary>
    public static uint Middle32(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>A duration in units of 1/65536 s, for DLSR.</summary>
    public static uint ToShortUnits(TimeSpan duration) => (uint)Math.Clamp(duration.Ticks * 65536 / TimeSpan.TicksPerSecond, 0, uint.MaxValue);
}
