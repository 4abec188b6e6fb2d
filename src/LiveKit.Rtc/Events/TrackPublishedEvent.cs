namespace LiveKit.Rtc;

public sealed record TrackPublishedEvent(RemoteParticipant Participant, RemoteTrackPublication Publication) : RoomEvent;
