using WarmTransfer.ControlApi.Rooms;

namespace WarmTransfer.ControlApi.Calls;

/// <summary>Result of opening a call room: the room, or why not (name taken, LiveKit failed).</summary>
internal sealed record CallRoomOutcome(RoomRecord? Room, bool NameTaken, string? LiveKitError, bool BotDispatched)
{
    public static CallRoomOutcome Opened(RoomRecord room, bool botDispatched) => new(room, false, null, botDispatched);

    public static CallRoomOutcome Taken { get; } = new(null, true, null, false);

    public static CallRoomOutcome Failed(string error) => new(null, false, error, false);
}
