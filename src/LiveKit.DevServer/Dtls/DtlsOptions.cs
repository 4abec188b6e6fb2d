namespace LiveKit.DevServer.Dtls;

/// <summary>Settings of one <see cref="DtlsConnection"/>. Checked by <see cref="Validate"/> when a connection is built.</summary>
internal sealed class DtlsOptions
{
    /// <summary>Whole-handshake deadline, measured on the connection's <see cref="TimeProvider"/>. BouncyCastle's
    /// own flight retransmission (RFC 6347 §4.2.4, 1 s doubling) runs inside it.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest datagram we send, in bytes (UDP payload). 1200 keeps every path, IPv6 included, unfragmented.</summary>
    public int Mtu { get; set; } = 1200;

    /// <summary>SRTP profiles we accept, most preferred first (the server picks the first one the client offered).</summary>
    public IReadOnlyList<SrtpProfile> SrtpProfiles { get; set; } = SrtpProfileExtensions.DefaultPreference;

    /// <summary>Fail the handshake when no SRTP profile is agreed. WebRTC always negotiates use_srtp (RFC 8827 §6.5).</summary>
    public bool RequireSrtp { get; set; } = true;

    /// <summary>Datagrams buffered between the network thread and the DTLS worker; more are dropped and counted.</summary>
    public int ReceiveQueueCapacity { get; set; } = 256;

    /// <summary>Longest wait for the DTLS worker to stop on close; past it the worker is abandoned (it ends on its own).</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (HandshakeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DtlsOptions)}.{nameof(HandshakeTimeout)} must be positive (was {HandshakeTimeout}).");
        }

        if (Mtu is < 256 or > 65507)
        {
            throw new ArgumentException($"{nameof(DtlsOptions)}.{nameof(Mtu)} must be within 256..65507 bytes (was {Mtu}).");
        }

        if (SrtpProfiles is null || SrtpProfiles.Any(p => !p.IsDefined()) || SrtpProfiles.Distinct().Count() != SrtpProfiles.Count)
        {
            throw new ArgumentException($"{nameof(DtlsOptions)}.{nameof(SrtpProfiles)} must list distinct known SRTP profiles.");
        }

        if (RequireSrtp && SrtpProfiles.Count == 0)
        {
            throw new ArgumentException($"{nameof(DtlsOptions)}.{nameof(SrtpProfiles)} is empty while {nameof(RequireSrtp)} is set.");
        }

        if (ReceiveQueueCapacity is < 1 or > 65536)
        {
            throw new ArgumentException($"{nameof(DtlsOptions)}.{nameof(ReceiveQueueCapacity)} must be within 1..65536 (was {ReceiveQueueCapacity}).");
        }

        if (CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DtlsOptions)}.{nameof(CloseTimeout)} must be positive (was {CloseTimeout}).");
        }
    }
}
