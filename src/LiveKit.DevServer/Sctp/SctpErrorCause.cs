namespace LiveKit.DevServer.Sctp;

/// <summary>Error cause codes carried by ERROR and ABORT chunks (RFC 4960 §3.3.10).</summary>
internal static class SctpErrorCause
{
    public const ushort InvalidStreamIdentifier = 1;
    public const ushort StaleCookie = 3;
    public const ushort UnrecognizedChunkType = 6;
    public const ushort NoUserData = 9;
    public const ushort UserInitiatedAbort = 12;
    public const ushort ProtocolViolation = 13;
}
