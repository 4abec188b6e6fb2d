namespace LiveKit.DevServer.Srtp;

/// <summary>Per-SSRC cryptographic state of one direction (RFC 3711 §3.2.1, §3.2.3).</summary>
internal sealed class SrtpStreamState
{
    /// <summary>False until the first RTP packet of this SSRC: then s_l = SEQ and ROC = 0 (RFC 3711 §3.3.1).</summary>
    public bool RtpStarted { get; set; }

    /// <summary>Rollover counter: how many times the 16-bit RTP sequence number wrapped.</summary>
    public uint RolloverCounter { get; set; }

    /// <summary>s_l: the highest sequence number authenticated (or sent) under the current ROC.</summary>
    public ushort HighestSequence { get; set; }

    public SrtpReplayWindow RtpReplay;

    /// <summary>Sender side: the SRTCP index of the next packet, 31 bits (RFC 3711 §3.4).</summary>
    public uint NextRtcpIndex { get; set; }

    public SrtpReplayWindow RtcpReplay;

    /// <summary>
    /// Moves ROC and s_l forward after a packet with ROC guess <paramref name="roc"/> is accepted
    /// (RFC 3711 §3.3.1: update only on an authenticated packet).
    /// </summary>
    public void Advance(long roc, ushort sequence)
    {
        if (!RtpStarted)
        {
            RtpStarted = true;
            RolloverCounter = (uint)roc;
            HighestSequence = sequence;
            return;
        }

        if (roc > RolloverCounter)
        {
            RolloverCounter = (uint)roc;
            HighestSequence = sequence;
        }
        else if (roc == RolloverCounter && sequence > HighestSequence)
        {
            HighestSequence = sequence;
        }
    }

    /// <summary>The ROC guess for <paramref name="sequence"/>; the first packet of a stream takes the current ROC.</summary>
    public long EstimateRoc(ushort sequence)
        => RtpStarted ? SrtpIndexEstimator.EstimateRoc(RolloverCounter, HighestSequence, sequence) : RolloverCounter;
}
