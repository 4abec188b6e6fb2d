namespace WarmTransfer.ControlApi.Rooms;

/// <summary>A room as the API lists it; <see cref="NumParticipants"/> comes from LiveKit (null when LiveKit does not know the room).</summary>
internal sealed record RoomView(
    string Name,
    RoomKind Kind,
    string? Caller,
    string? Agent,
    string? TransferId,
    DateTimeOffset CreatedAt,
    int? NumParticipants)
{
    public static RoomView From(RoomRecord room, int? numParticipants) =>
        new(room.Name, room.Kind, room.Caller, room.Agent, room.TransferId, room.CreatedAt, numParticipants);
}
