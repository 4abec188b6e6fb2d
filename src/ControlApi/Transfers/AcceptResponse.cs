namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Answer to accept. If <see cref="Moved"/>, Agent B's existing connection was moved into <see cref="Room"/> (the
/// call room) by the server; otherwise B connects to <see cref="WsUrl"/> with <see cref="Token"/>.
/// </summary>
internal sealed record AcceptResponse(TransferView Transfer, string Room, bool Moved, string? Token, string WsUrl, DateTimeOffset? ExpiresAt);
