namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>
/// The few LiveKit server operations the control API needs, in its own terms. Implemented over LiveKit.Api's Twirp
/// clients (<see cref="LiveKitGateway"/>); failures surface as <see cref="LiveKitUnavailableException"/>, while
/// expected absences (room or participant not found, MoveParticipant unsupported) are return values.
/// </summary>
internal interface ILiveKitGateway
{
    /// <summary>Creates the room (idempotent on the server). <paramref name="metadata"/> is JSON describing it.</summary>
    Task CreateRoomAsync(string room, string metadata, TimeSpan emptyTimeout, CancellationToken cancellationToken);

    /// <summary>Deletes the room, disconnecting everyone; false if it did not exist.</summary>
    Task<bool> DeleteRoomAsync(string room, CancellationToken cancellationToken);

    Task<IReadOnlyList<LiveKitRoom>> ListRoomsAsync(CancellationToken cancellationToken);

    /// <summary>The room's participants, or null if the room does not exist.</summary>
    Task<IReadOnlyList<LiveKitParticipant>?> ListParticipantsAsync(string room, CancellationToken cancellationToken);

    /// <summary>Disconnects one participant; false if it was not in the room.</summary>
    Task<bool> RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken);

    /// <summary>Moves a connected participant to another room where the server supports it.</summary>
    Task<MoveOutcome> MoveParticipantAsync(string room, string identity, string destinationRoom, CancellationToken cancellationToken);

    /// <summary>Sends a reliable data packet with <paramref name="topic"/> to everyone in the room.</summary>
    Task SendDataAsync(string room, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Dispatches the configured agent (the TransferAgent bot) into the room with job metadata.</summary>
    Task CreateDispatchAsync(string room, string metadata, CancellationToken cancellationToken);
}
