namespace LiveKit.Rtc;

public sealed record ParticipantMetadataChangedEvent(Participant Participant, string OldMetadata, string Metadata) : RoomEvent;
