namespace LiveKit.Rtc;

public sealed record DataReceivedEvent(DataPacket Packet) : RoomEvent;
