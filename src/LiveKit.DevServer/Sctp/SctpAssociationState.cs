namespace LiveKit.DevServer.Sctp;

/// <summary>Association states (RFC 4960 §4). The association starts and ends in <see cref="Closed"/>.</summary>
internal enum SctpAssociationState
{
    /// <summary>No association: a passive side waits for INIT here; a finished or aborted association ends here.</summary>
    Closed,

    /// <summary>INIT sent, waiting for INIT ACK (T1-init running).</summary>
    CookieWait,

    /// <summary>COOKIE ECHO sent, waiting for COOKIE ACK (T1-cookie running).</summary>
    CookieEchoed,

    Established,

    /// <summary>Shutdown requested locally; waiting for outstanding data to be acknowledged (§9.2).</summary>
    ShutdownPending,

    /// <summary>SHUTDOWN sent (T2-shutdown running).</summary>
    ShutdownSent,

    /// <summary>Peer sent SHUTDOWN; finishing our outstanding data.</summary>
    ShutdownReceived,

    /// <summary>SHUTDOWN ACK sent (T2-shutdown running).</summary>
    ShutdownAckSent,
}
