namespace LiveKit.DevServer.Signaling;

/// <summary>What <see cref="MessageSocket.ReceiveAsync"/> got.</summary>
internal enum InboundKind
{
    /// <summary>A complete binary message within the size limit.</summary>
    Binary,

    /// <summary>A complete text message within the size limit.</summary>
    Text,

    /// <summary>A message over the size limit; its bytes were read and discarded.</summary>
    TooLarge,

    /// <summary>The peer closed, the connection broke, or the server closed it.</summary>
    Closed,
}
