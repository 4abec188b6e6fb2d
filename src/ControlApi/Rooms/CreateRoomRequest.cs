namespace WarmTransfer.ControlApi.Rooms;

/// <summary>Body of <c>POST /api/rooms</c>: an optional name (generated when absent).</summary>
internal sealed record CreateRoomRequest(string? Name);
