namespace LiveKit.DevServer.Rtp;

/// <summary>FMT values of the feedback packets we read or write (RFC 4585 §6.2-6.4, RFC 5104 §4.3.1).</summary>
internal static class RtcpFeedbackFormat
{
    /// <summary>RTPFB FMT 1: generic NACK (RFC 4585 §6.2.1).</summary>
    public const byte GenericNack = 1;

    /// <summary>RTPFB FMT 15: transport-wide congestion control feedback (passed through opaquely).</summary>
    public const byte TransportWideCc = 15;

    /// <summary>PSFB FMT 1: picture loss indication (RFC 4585 §6.3.1).</summary>
    public const byte PictureLossIndication = 1;

    /// <summary>PSFB FMT 4: full intra request (RFC 5104 §4.3.1).</summary>
    public const byte FullIntraRequest = 4;

    /// <summary>PSFB FMT 15: application layer feedback, where REMB lives (passed through opaquely).</summary>
    public const byte ApplicationLayer = 15;
}
