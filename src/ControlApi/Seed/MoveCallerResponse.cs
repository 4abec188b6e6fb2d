namespace WarmTransfer.ControlApi.Seed;

/// <summary>
/// Seed "move caller" answer: <c>{moved, room, identity, token?, wsUrl}</c>. When <c>moved</c> is false the server
/// cannot move participants, and the caller must reconnect to <c>room</c> with <c>token</c>.
/// </summary>
internal sealed record MoveCallerResponse(bool Moved, string Room, string Identity, string? Token, string WsUrl);
