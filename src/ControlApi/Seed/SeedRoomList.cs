namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /list-rooms</c> answer: <c>{rooms: [{room, name, numParticipants, createdAt}]}</c>.</summary>
internal sealed record SeedRoomList(IReadOnlyList<SeedRoom> Rooms);
