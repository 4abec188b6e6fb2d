namespace WarmTransfer.ControlApi.Calls;

/// <summary>A caller's way into their call: connect to <see cref="WsUrl"/> with <see cref="Token"/> (caller grants for <see cref="Room"/> only).</summary>
internal sealed record CallResponse(string Room, string Identity, string Token, string WsUrl, DateTimeOffset ExpiresAt, bool BotDispatched);
