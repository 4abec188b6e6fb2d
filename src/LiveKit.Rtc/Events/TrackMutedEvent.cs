namespace LiveKit.Rtc;

/// <summary>A publication was muted (<paramref name="Muted"/> true) or unmuted.</summary>
public sealed record TrackMutedEvent(Participant Participant, TrackPublication Publication, bool Muted) : RoomEvent;
