namespace LiveKit.Rtc;

public sealed record ParticipantNameChangedEvent(Participant Participant, string OldName, string Name) : RoomEvent;
