namespace LiveKit.Rtc;

/// <summary>The connection went to <paramref name="State"/> (reconnecting after a network change, back to connected, disconnected).</summary>
public sealed record ConnectionStateChangedEvent(ConnectionState State) : RoomEvent;
