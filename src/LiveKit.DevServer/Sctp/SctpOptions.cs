namespace LiveKit.DevServer.Sctp;

/// <summary>Settings of one <see cref="SctpAssociation"/>, checked by <see cref="Validate"/> at construction.</summary>
/// <remarks>Timer defaults follow WebRTC stacks (dcsctp, usrsctp in browsers) rather than RFC 4960 §15's 3 s
/// RTO.Initial and 1 s RTO.Min, which are tuned for the open Internet, not for one DTLS hop.</remarks>
internal sealed class SctpOptions
{
    /// <summary>Our SCTP port; WebRTC uses 5000 unless SDP <c>a=sctp-port</c> says otherwise (RFC 8841 §5).</summary>
    public ushort LocalPort { get; set; } = 5000;

    public ushort RemotePort { get; set; } = 5000;

    /// <summary>Largest SCTP packet; must fit one DTLS record (<c>DtlsConnection.MaxApplicationDataSize</c>).</summary>
    public int MaxPacketSize { get; set; } = 1100;

    /// <summary>Streams we open / accept (RFC 4960 §5.1.1 OS and MIS); WebRTC announces 65535 (RFC 8831 §6.2).</summary>
    public ushort OutboundStreams { get; set; } = 65535;

    public ushort InboundStreams { get; set; } = 65535;

    /// <summary>Receive buffer advertised as a_rwnd (RFC 4960 §6.2); bounds memory held for reassembly.</summary>
    public int ReceiveWindow { get; set; } = 1024 * 1024;

    /// <summary>Largest message sent or accepted: SDP <c>a=max-message-size</c> (RFC 8841 §6); LiveKit uses 256 KiB.</summary>
    public int MaxMessageSize { get; set; } = 256 * 1024;

    /// <summary>Bytes queued or unacknowledged before <see cref="SctpSendStatus.BufferFull"/>.</summary>
    public int MaxSendBufferBytes { get; set; } = 4 * 1024 * 1024;

    public TimeSpan RtoInitial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RtoMin { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RtoMax { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Association.Max.Retrans (RFC 4960 §8.1): consecutive timeouts before the association fails.</summary>
    public int MaxRetransmissions { get; set; } = 10;

    /// <summary>Max.Init.Retransmits (RFC 4960 §5.1): INIT and COOKIE ECHO attempts before giving up.</summary>
    public int MaxInitRetransmissions { get; set; } = 8;

    /// <summary>HB.interval (RFC 4960 §8.3) on an idle association; zero disables heartbeats.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Valid.Cookie.Life (RFC 4960 §15).</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromSeconds(60);

    public void Validate()
    {
        static ArgumentException Bad(string setting, string rule, object value) =>
            new($"{nameof(SctpOptions)}.{setting} {rule} (was {value}).");

        if (MaxPacketSize is < 256 or > 65535)
        {
            throw Bad(nameof(MaxPacketSize), "must be within 256..65535 bytes", MaxPacketSize);
        }

        if (OutboundStreams == 0 || InboundStreams == 0)
        {
            throw Bad(OutboundStreams == 0 ? nameof(OutboundStreams) : nameof(InboundStreams), "must be at least 1", 0);
        }

        if (MaxMessageSize < 1)
        {
            throw Bad(nameof(MaxMessageSize), "must be positive", MaxMessageSize);
        }

        if (ReceiveWindow < Math.Max(MaxMessageSize, 1500))
        {
            throw Bad(nameof(ReceiveWindow), $"must hold at least one message of {nameof(MaxMessageSize)} and 1500 bytes", ReceiveWindow);
        }

        if (MaxSendBufferBytes < MaxMessageSize)
        {
            throw Bad(nameof(MaxSendBufferBytes), $"must hold at least one message of {nameof(MaxMessageSize)}", MaxSendBufferBytes);
        }

        if (RtoMin <= TimeSpan.Zero || RtoInitial < RtoMin || RtoMax < RtoInitial)
        {
            throw Bad(nameof(RtoInitial), $"must satisfy 0 < {nameof(RtoMin)} <= {nameof(RtoInitial)} <= {nameof(RtoMax)}", RtoInitial);
        }

        if (MaxRetransmissions < 1 || MaxInitRetransmissions < 1)
        {
            throw Bad(MaxRetransmissions < 1 ? nameof(MaxRetransmissions) : nameof(MaxInitRetransmissions), "must be at least 1", 0);
        }

        if (HeartbeatInterval < TimeSpan.Zero)
        {
            throw Bad(nameof(HeartbeatInterval), "must not be negative", HeartbeatInterval);
        }

        if (CookieLifetime <= TimeSpan.Zero)
        {
            throw Bad(nameof(CookieLifetime), "must be positive", CookieLifetime);
        }
    }
}
