namespace LiveKit.Rtc;

/// <summary>The connection state of a <see cref="Room"/>.</summary>
public enum ConnectionState
{
    Disconnected = 0,
    Connected = 1,
    Reconnecting = 2,
    Connecting = 3,
}
