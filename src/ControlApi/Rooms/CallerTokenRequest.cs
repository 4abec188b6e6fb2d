namespace WarmTransfer.ControlApi.Rooms;

/// <summary>Body of <c>POST /api/rooms/{room}/caller-token</c> and <c>POST /api/calls</c>: the caller's optional display name.</summary>
internal sealed record CallerTokenRequest(string? Name);
