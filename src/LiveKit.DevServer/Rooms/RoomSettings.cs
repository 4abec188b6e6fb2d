using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>How a room was asked to behave (CreateRoom, a token's roomConfig, or the server defaults).</summary>
internal sealed record RoomSettings
{
    /// <summary>Seconds a room that never had a participant stays open.</summary>
    public uint EmptyTimeoutSeconds { get; init; }

    /// <summary>Seconds a room stays open after its last participant left.</summary>
    public uint DepartureTimeoutSeconds { get; init; }

    /// <summary>0 means no limit.</summary>
    public uint MaxParticipants { get; init; }

    public string Metadata { get; init; } = string.Empty;

    /// <summary>Agents to dispatch when the room starts; empty means the implicit dispatch to agent name "".</summary>
    public IReadOnlyList<RoomAgentDispatch> Agents { get; init; } = [];
}
