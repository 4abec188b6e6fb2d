namespace WarmTransfer.ControlApi.Rooms;

/// <summary>
/// Whether an agent may enter a room: <see cref="Room"/> when allowed, otherwise a 404 or 403 message.
/// <see cref="Claimed"/>: this check just made the agent the owner of an unowned call room.
/// </summary>
internal sealed record RoomAccessResult(RoomRecord? Room, bool NotFound, string? Refusal, bool Claimed = false)
{
    public bool Allowed => Room is not null && Refusal is null;

    public static RoomAccessResult Allow(RoomRecord room, bool claimed = false) => new(room, false, null, claimed);

    public static RoomAccessResult Missing(string room) => new(null, true, $"There is no open room '{room}'.");

    public static RoomAccessResult Refuse(string message) => new(null, false, message);
}
