namespace LiveKit.Rtc;

/// <summary>Something that happened in a <see cref="Room"/>; read them with <see cref="Room.ReadEventsAsync"/> or the room's .NET events.</summary>
public abstract record RoomEvent;
