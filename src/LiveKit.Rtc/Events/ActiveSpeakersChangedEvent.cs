namespace LiveKit.Rtc;

public sealed record ActiveSpeakersChangedEvent(IReadOnlyList<Participant> Speakers) : RoomEvent;
