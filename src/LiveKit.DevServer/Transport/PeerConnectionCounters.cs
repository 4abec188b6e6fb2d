namespace LiveKit.DevServer.Transport;

/// <summary>Counters of one peer connection's media path; thread-safe.</summary>
internal sealed class PeerConnectionCounters
{
    private long _rtpPacketsReceived;
    private long _rtpBytesReceived;
    private long _rtpPacketsSent;
    private long _rtpBytesSent;
    private long _rtcpPacketsReceived;
    private long _rtcpPacketsSent;
    private long _srtpAuthenticationFailures;
    private long _srtpReplaysDropped;
    private long _srtpOtherDropped;
    private long _malformedRtpDropped;
    private long _malformedRtcpDropped;
    private long _unknownSsrcDropped;
    private long _mediaBeforeKeysDropped;
    private long _stunChecksAnswered;
    private long _keyFrameRequestsSent;
    private long _nacksSent;
    private long _retransmissionsFromCache;
    private long _keyFrameRequestsReceived;
    private long _nacksReceived;
    private long _stunChecksRejected;

    /// <summary>RTP packets that decrypted and belonged to a negotiated track.</summary>
    public long RtpPacketsReceived => Volatile.Read(ref _rtpPacketsReceived);

    public long RtpBytesReceived => Volatile.Read(ref _rtpBytesReceived);

    public long RtpPacketsSent => Volatile.Read(ref _rtpPacketsSent);

    public long RtpBytesSent => Volatile.Read(ref _rtpBytesSent);

    public long RtcpPacketsReceived => Volatile.Read(ref _rtcpPacketsReceived);

    public long RtcpPacketsSent => Volatile.Read(ref _rtcpPacketsSent);

    /// <summary>SRTP/SRTCP packets whose tag did not verify (tampered, or garbage).</summary>
    public long SrtpAuthenticationFailures => Volatile.Read(ref _srtpAuthenticationFailures);

    /// <summary>SRTP/SRTCP packets dropped as replays or too old (RFC 3711 §3.3.2).</summary>
    public long SrtpReplaysDropped => Volatile.Read(ref _srtpReplaysDropped);

    /// <summary>SRTP/SRTCP packets dropped as too short, too many SSRCs, or after close.</summary>
    public long SrtpOtherDropped => Volatile.Read(ref _srtpOtherDropped);

    public long MalformedRtpDropped => Volatile.Read(ref _malformedRtpDropped);

    public long MalformedRtcpDropped => Volatile.Read(ref _malformedRtcpDropped);

    /// <summary>Decrypted RTP whose SSRC (and mid) matches no negotiated receiving section.</summary>
    public long UnknownSsrcDropped => Volatile.Read(ref _unknownSsrcDropped);

    /// <summary>SRTP/SRTCP that arrived before DTLS produced keys.</summary>
    public long MediaBeforeKeysDropped => Volatile.Read(ref _mediaBeforeKeysDropped);

    public long StunChecksAnswered => Volatile.Read(ref _stunChecksAnswered);

    /// <summary>PLIs sent to this connection's publisher (relayed from subscribers).</summary>
    public long KeyFrameRequestsSent => Volatile.Read(ref _keyFrameRequestsSent);

    /// <summary>Generic NACKs sent to this connection's publisher (relayed from subscribers).</summary>
    public long NacksSent => Volatile.Read(ref _nacksSent);

    /// <summary>PLIs and FIRs received from this connection's subscriber.</summary>
    public long KeyFrameRequestsReceived => Volatile.Read(ref _keyFrameRequestsReceived);

    /// <summary>Generic NACKs received from this connection's subscriber.</summary>
    public long NacksReceived => Volatile.Read(ref _nacksReceived);

    /// <summary>Packets resent to this connection's subscriber from the packet cache in answer to its NACKs.</summary>
    public long RetransmissionsFromCache => Volatile.Read(ref _retransmissionsFromCache);

    /// <summary>Checks answered with an error (400, 401, 420, 487).</summary>
    public long StunChecksRejected => Volatile.Read(ref _stunChecksRejected);

    internal void OnRtpReceived(int bytes)
    {
        Interlocked.Increment(ref _rtpPacketsReceived);
        Interlocked.Add(ref _rtpBytesReceived, bytes);
    }

    internal void OnRtpSent(int bytes)
    {
        Interlocked.Increment(ref _rtpPacketsSent);
        Interlocked.Add(ref _rtpBytesSent, bytes);
    }

    internal void OnRtcpReceived() => Interlocked.Increment(ref _rtcpPacketsReceived);

    internal void OnRtcpSent() => Interlocked.Increment(ref _rtcpPacketsSent);

    internal void OnKeyFrameRequestSent() => Interlocked.Increment(ref _keyFrameRequestsSent);

    internal void OnNackSent() => Interlocked.Increment(ref _nacksSent);

    internal void OnKeyFrameRequestReceived() => Interlocked.Increment(ref _keyFrameRequestsReceived);

    internal void OnNackReceived() => Interlocked.Increment(ref _nacksReceived);

    internal void OnRetransmittedFromCache() => Interlocked.Increment(ref _retransmissionsFromCache);

    internal void OnSrtpFailure(Srtp.SrtpStatus status)
    {
        switch (status)
        {
            case Srtp.SrtpStatus.AuthenticationFailed: Interlocked.Increment(ref _srtpAuthenticationFailures); break;
            case Srtp.SrtpStatus.ReplayDetected: Interlocked.Increment(ref _srtpReplaysDropped); break;
            default: Interlocked.Increment(ref _srtpOtherDropped); break;
        }
    }

    internal void OnMalformedRtp() => Interlocked.Increment(ref _malformedRtpDropped);

    internal void OnMalformedRtcp() => Interlocked.Increment(ref _malformedRtcpDropped);

    internal void OnUnknownSsrc() => Interlocked.Increment(ref _unknownSsrcDropped);

    internal void OnMediaBeforeKeys() => Interlocked.Increment(ref _mediaBeforeKeysDropped);

    internal void OnStunAnswered(bool success)
    {
        if (success)
        {
            Interlocked.Increment(ref _stunChecksAnswered);
        }
        else
        {
            Interlocked.Increment(ref _stunChecksRejected);
        }
    }
}
