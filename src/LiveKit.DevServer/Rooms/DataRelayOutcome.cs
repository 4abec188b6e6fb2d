namespace LiveKit.DevServer.Rooms;

/// <summary>What became of one data packet a participant sent.</summary>
internal enum DataRelayOutcome
{
    /// <summary>Forwarded to its destinations (possibly none left).</summary>
    Relayed,

    /// <summary>Answer to a server-initiated RPC (RoomService.PerformRpc); consumed by the server.</summary>
    Consumed,

    /// <summary>Not forwarded by rule (metrics, transcriptions from non-agents).</summary>
    Dropped,

    /// <summary>Larger than the configured limit.</summary>
    TooLarge,

    /// <summary>Not a DataPacket.</summary>
    Malformed,

    /// <summary>The sender may not publish data.</summary>
    NotAllowed,

    /// <summary>The sender is no longer in a room.</summary>
    SenderGone,
}
