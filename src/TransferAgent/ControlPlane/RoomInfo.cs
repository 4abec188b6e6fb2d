namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// What the control API knows about a room (<c>GET /api/worker/rooms/{room}</c>). <see cref="Kind"/> is <c>Call</c> or
/// <c>Handoff</c>; <see cref="Caller"/> and <see cref="Agent"/> are participant identities.
/// </summary>
public sealed record RoomInfo(
    string Name,
    string Kind,
    string? Caller,
    string? Agent,
    string? TransferId,
    DateTimeOffset CreatedAt,
    int? NumParticipants);
