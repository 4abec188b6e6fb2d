namespace LiveKit.DevServer.Sctp;

/// <summary>Outcome of <see cref="SctpAssociation.SendMessage"/>.</summary>
internal enum SctpSendStatus
{
    Queued,

    /// <summary>Closed, aborted or shutting down.</summary>
    NotConnected,

    /// <summary>The send buffer (<see cref="SctpOptions.MaxSendBufferBytes"/>) is full.</summary>
    BufferFull,

    /// <summary>Larger than <see cref="SctpOptions.MaxMessageSize"/>, or empty (RFC 4960 §6.2 forbids empty DATA).</summary>
    InvalidSize,

    /// <summary>Stream identifier not below the negotiated outbound stream count (RFC 4960 §6.5).</summary>
    InvalidStream,
}
