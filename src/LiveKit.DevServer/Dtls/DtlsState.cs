namespace LiveKit.DevServer.Dtls;

/// <summary>Life cycle of a <see cref="DtlsConnection"/>; it only moves forward.</summary>
internal enum DtlsState
{
    /// <summary>Constructed; <see cref="DtlsConnection.Start"/> not called yet.</summary>
    New,

    /// <summary>Handshake flights in progress (RFC 6347 §4.2.4).</summary>
    Handshaking,

    /// <summary>Handshake done, keys exported, application data flows.</summary>
    Connected,

    /// <summary>Closed cleanly: close_notify sent or received, or closed by us (RFC 5246 §7.2.1).</summary>
    Closed,

    /// <summary>Handshake failed or timed out, fatal alert sent or received, or the transport broke.</summary>
    Failed,
}
