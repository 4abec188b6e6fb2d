namespace WarmTransfer.ControlApi.Rooms;

/// <summary>Durable record of the rooms the control API created and who belongs in them.</summary>
internal interface IRoomStore
{
    /// <summary>Records a new room, or reopens a closed one of the same name; false if an open room already has the name.</summary>
    Task<bool> TryCreateAsync(RoomRecord room, CancellationToken cancellationToken);

    Task<RoomRecord?> GetAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoomRecord>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="agent"/> the call's agent if it has none (or already is); false when another agent owns it.</summary>
    Task<bool> TryClaimAsync(string name, string agent, CancellationToken cancellationToken);

    /// <summary>Hands the call to <paramref name="agent"/> (a completed transfer).</summary>
    Task SetAgentAsync(string name, string agent, CancellationToken cancellationToken);

    /// <summary>Records the caller's identity if none is known yet; false if a different caller is already recorded.</summary>
    Task<bool> TrySetCallerAsync(string name, string caller, CancellationToken cancellationToken);

    /// <summary>Turns a seed transfer's handoff room into the call room of <paramref name="caller"/> and <paramref name="agent"/>.</summary>
    Task PromoteToCallAsync(string name, string caller, string agent, CancellationToken cancellationToken);

    /// <summary>A completed transfer in one write: <paramref name="callRoom"/> now belongs to <paramref name="agent"/>, and <paramref name="handoffRoom"/> is closed.</summary>
    Task HandOverAsync(string callRoom, string agent, string handoffRoom, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks the room closed; false when it was unknown or already closed.</summary>
    Task<bool> CloseAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);
}
