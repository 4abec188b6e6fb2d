namespace WarmTransfer.ControlApi.Rooms;

/// <summary>What a room is for. Call rooms hold a caller; handoff rooms exist for one transfer's briefing.</summary>
internal enum RoomKind
{
    Call,
    Handoff,
}
