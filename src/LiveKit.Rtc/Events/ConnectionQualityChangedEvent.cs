namespace LiveKit.Rtc;

public sealed record ConnectionQualityChangedEvent(Participant Participant, ConnectionQuality Quality) : RoomEvent;
