namespace LiveKit.DevServer.Rtp;

/// <summary>The sender information of an SR (RFC 3550 §6.4.1): wallclock, matching RTP time, counts.</summary>
internal readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    public const int Size = 20;
}
