namespace WarmTransfer.ControlApi.Rooms;

/// <summary>
/// What the control API knows about a room it created. <see cref="Agent"/> is the agent who owns the call (set by
/// claim, by creation, or by a completed transfer); <see cref="Caller"/> is the caller's identity when known.
/// </summary>
internal sealed record RoomRecord
{
    public required string Name { get; init; }

    public required RoomKind Kind { get; init; }

    public string? Caller { get; init; }

    public string? Agent { get; init; }

    /// <summary>For handoff rooms, the transfer the room belongs to.</summary>
    public string? TransferId { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public bool IsOpen => ClosedAt is null;
}
