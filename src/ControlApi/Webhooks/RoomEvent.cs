namespace WarmTransfer.ControlApi.Webhooks;

/// <summary>The part of a LiveKit webhook the control API acts on (<c>participant_joined</c>, <c>participant_left</c>, <c>room_finished</c>).</summary>
internal sealed record RoomEvent(string Event, string Room, string? Identity, bool ParticipantIsAgent);
