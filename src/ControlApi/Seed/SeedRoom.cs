namespace WarmTransfer.ControlApi.Seed;

/// <summary>One entry of the seed <c>POST /list-rooms</c> answer.</summary>
internal sealed record SeedRoom(string Room, string Name, int NumParticipants, DateTimeOffset CreatedAt);
