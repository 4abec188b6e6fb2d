namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /create-room</c> body: <c>{room}</c> (generated when absent).</summary>
internal sealed record SeedRoomRequest(string? Room);
