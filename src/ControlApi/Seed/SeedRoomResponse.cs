namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /create-room</c> answer: <c>{room, wsUrl}</c>.</summary>
internal sealed record SeedRoomResponse(string Room, string WsUrl);
