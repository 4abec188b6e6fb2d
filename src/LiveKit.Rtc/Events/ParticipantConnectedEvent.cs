namespace LiveKit.Rtc;

public sealed record ParticipantConnectedEvent(RemoteParticipant Participant) : RoomEvent;
