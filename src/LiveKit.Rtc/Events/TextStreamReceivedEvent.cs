namespace LiveKit.Rtc;

/// <summary>
/// Someone opened a text stream to this client. Read it (or dispose it) from a handler; readers left
/// unread are released with the room.
/// </summary>
public sealed record TextStreamReceivedEvent(TextStreamReader Reader) : RoomEvent;
