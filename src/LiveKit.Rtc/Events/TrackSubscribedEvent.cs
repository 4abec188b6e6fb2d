namespace LiveKit.Rtc;

/// <summary>This room now receives the media of <paramref name="Track"/> (e.g. start an <see cref="AudioStream"/> on it).</summary>
public sealed record TrackSubscribedEvent(RemoteParticipant Participant, RemoteTrackPublication Publication, RemoteTrack Track) : RoomEvent;
