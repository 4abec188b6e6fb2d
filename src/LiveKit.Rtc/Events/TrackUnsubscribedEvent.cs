namespace LiveKit.Rtc;

/// <summary>The media of <paramref name="Track"/> stopped; the track is released after the handlers ran.</summary>
public sealed record TrackUnsubscribedEvent(RemoteParticipant Participant, RemoteTrackPublication Publication, RemoteTrack Track) : RoomEvent;
