namespace LiveKit.Rtc;

public sealed record TrackSubscriptionFailedEvent(RemoteParticipant Participant, string TrackSid, string Error) : RoomEvent;
