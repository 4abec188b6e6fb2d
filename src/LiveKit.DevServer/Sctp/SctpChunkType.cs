namespace LiveKit.DevServer.Sctp;

/// <summary>Chunk types (RFC 4960 §3.2, RFC 6525 §3.1 RE-CONFIG, RFC 3758 §3.2 FORWARD TSN).</summary>
internal enum SctpChunkType : byte
{
    Data = 0,
    Init = 1,
    InitAck = 2,
    Sack = 3,
    Heartbeat = 4,
    HeartbeatAck = 5,
    Abort = 6,
    Shutdown = 7,
    ShutdownAck = 8,
    Error = 9,
    CookieEcho = 10,
    CookieAck = 11,
    ShutdownComplete = 14,
    Reconfig = 130,
    ForwardTsn = 192,
}
