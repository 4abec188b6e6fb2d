namespace LiveKit.Rtc;

public sealed record RoomMetadataChangedEvent(string OldMetadata, string Metadata) : RoomEvent;
