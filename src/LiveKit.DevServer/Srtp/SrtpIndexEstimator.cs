namespace LiveKit.DevServer.Srtp;

/// <summary>
/// Packet index estimation of RFC 3711 §3.3.1 and Appendix A: from the rollover counter ROC and the highest sequence
/// number s_l seen, guess the ROC v of a received SEQ (ROC-1, ROC or ROC+1) and so its 48-bit index
/// i = 2^16 * v + SEQ.
/// </summary>
internal static class SrtpIndexEstimator
{
    private const int Half = 1 << 15;

    /// <summary>Returns v; -1 means the packet precedes ROC 0 (older than anything this stream can authenticate).</summary>
    public static long EstimateRoc(uint roc, ushort highestSequence, ushort sequence)
    {
        if (highestSequence < Half)
        {
            return sequence - highestSequence > Half ? (long)roc - 1 : roc;
        }

        return highestSequence - Half > sequence ? (long)roc + 1 : roc;
    }

    /// <summary>The 48-bit packet index for a ROC guess.</summary>
    public static ulong Index(long roc, ushort sequence) => ((ulong)roc << 16) | sequence;
}
