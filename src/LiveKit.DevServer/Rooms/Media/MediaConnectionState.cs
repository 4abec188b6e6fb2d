namespace LiveKit.DevServer.Rooms.Media;

/// <summary>State of one transport (publisher or subscriber) of a participant.</summary>
internal enum MediaConnectionState
{
    New,
    Connecting,
    Connected,
    Disconnected,
    Failed,
    Closed,
}
