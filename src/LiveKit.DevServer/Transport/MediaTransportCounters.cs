namespace LiveKit.DevServer.Transport;

/// <summary>
/// Counters of the shared media port: what arrived, what was dropped and why. Incremented from the receive thread
/// and senders; read at any time (monitoring, tests).
/// </summary>
internal sealed class MediaTransportCounters
{
    private long _datagramsReceived;
    private long _bytesReceived;
    private long _datagramsSent;
    private long _bytesSent;
    private long _stunReceived;
    private long _dtlsReceived;
    private long _rtpReceived;
    private long _rtcpReceived;
    private long _unknownKindDropped;
    private long _malformedStunDropped;
    private long _unknownUfragRejected;
    private long _unroutableDropped;
    private long _nonLoopbackDropped;
    private long _sendErrors;
    private long _handlerFaults;

    public long DatagramsReceived => Volatile.Read(ref _datagramsReceived);

    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public long DatagramsSent => Volatile.Read(ref _datagramsSent);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    public long StunReceived => Volatile.Read(ref _stunReceived);

    public long DtlsReceived => Volatile.Read(ref _dtlsReceived);

    public long RtpReceived => Volatile.Read(ref _rtpReceived);

    public long RtcpReceived => Volatile.Read(ref _rtcpReceived);

    /// <summary>First byte outside the RFC 7983 ranges we serve.</summary>
    public long UnknownKindDropped => Volatile.Read(ref _unknownKindDropped);

    /// <summary>STUN first byte but not a well-formed STUN message.</summary>
    public long MalformedStunDropped => Volatile.Read(ref _malformedStunDropped);

    /// <summary>Binding requests for a username no peer connection owns (answered 400/401 or dropped).</summary>
    public long UnknownUfragRejected => Volatile.Read(ref _unknownUfragRejected);

    /// <summary>DTLS or SRTP from an address no ICE check validated.</summary>
    public long UnroutableDropped => Volatile.Read(ref _unroutableDropped);

    /// <summary>Datagrams from a non-loopback address to a loopback-bound port.</summary>
    public long NonLoopbackDropped => Volatile.Read(ref _nonLoopbackDropped);

    public long SendErrors => Volatile.Read(ref _sendErrors);

    /// <summary>Exceptions caught around a datagram's handling: always a bug, never a crash.</summary>
    public long HandlerFaults => Volatile.Read(ref _handlerFaults);

    internal void OnReceived(int bytes)
    {
        Interlocked.Increment(ref _datagramsReceived);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    internal void OnSent(int bytes)
    {
        Interlocked.Increment(ref _datagramsSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void OnKind(DatagramKind kind)
    {
        switch (kind)
        {
            case DatagramKind.Stun: Interlocked.Increment(ref _stunReceived); break;
            case DatagramKind.Dtls: Interlocked.Increment(ref _dtlsReceived); break;
            case DatagramKind.Rtp: Interlocked.Increment(ref _rtpReceived); break;
            case DatagramKind.Rtcp: Interlocked.Increment(ref _rtcpReceived); break;
            default: Interlocked.Increment(ref _unknownKindDropped); break;
        }
    }

    internal void OnMalformedStun() => Interlocked.Increment(ref _malformedStunDropped);

    internal void OnUnknownUfrag() => Interlocked.Increment(ref _unknownUfragRejected);

    internal void OnUnroutable() => Interlocked.Increment(ref _unroutableDropped);

    internal void OnNonLoopback() => Interlocked.Increment(ref _nonLoopbackDropped);

    internal void OnSendError() => Interlocked.Increment(ref _sendErrors);

    internal void OnHandlerFault() => Interlocked.Increment(ref _handlerFaults);
}
