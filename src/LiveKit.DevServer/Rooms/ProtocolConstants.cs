namespace LiveKit.DevServer.Rooms;

/// <summary>Protocol figures the server announces; values as livekit-server sends them (srv:rtc/participant.go, types/protocol_version.go).</summary>
internal static class ProtocolConstants
{
    /// <summary>Signal protocol this server speaks.</summary>
    public const int Protocol = 16;

    /// <summary>Seconds between client pings (JoinResponse.ping_interval). Must be &gt; 0: the Rust SDK builds a timer from it.</summary>
    public const int PingIntervalSeconds = 5;

    /// <summary>Seconds without a pong after which a client gives up (JoinResponse.ping_timeout). Must be &gt; 0.</summary>
    public const int PingTimeoutSeconds = 15;

    /// <summary>
    /// Numeric server version. Clients compare it (livekit-client enables RPC only from 1.8.0) and refuse
    /// an empty one (UnsupportedServer).
    /// </summary>
    public const string ServerVersion = "1.9.0";

    /// <summary>Agent worker protocol version (srv:agent/worker.go CurrentProtocol).</summary>
    public const int AgentProtocol = 1;
}
