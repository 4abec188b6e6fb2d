namespace LiveKit.Rtc;

/// <summary>Attributes changed; <paramref name="Changed"/> holds the changed keys (an empty value means removed).</summary>
public sealed record ParticipantAttributesChangedEvent(Participant Participant, IReadOnlyDictionary<string, string> Changed) : RoomEvent;
