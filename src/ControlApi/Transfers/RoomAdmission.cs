namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// How an agent gets into a room after a command: <see cref="Moved"/> (MoveParticipant carried their existing
/// connection over) or a fresh <see cref="Token"/> to connect with at <see cref="WsUrl"/>.
/// </summary>
internal sealed record RoomAdmission(string Room, string Identity, bool Moved, string? Token, string WsUrl, DateTimeOffset? ExpiresAt);
