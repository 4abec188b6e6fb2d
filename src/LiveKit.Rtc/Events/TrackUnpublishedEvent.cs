namespace LiveKit.Rtc;

public sealed record TrackUnpublishedEvent(RemoteParticipant Participant, RemoteTrackPublication Publication) : RoomEvent;
