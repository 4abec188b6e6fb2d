namespace LiveKit.Rtc;

/// <summary>The room connection ended, for <paramref name="Reason"/> (e.g. removed by the server, room deleted, duplicate identity).</summary>
public sealed record DisconnectedEvent(DisconnectReason Reason) : RoomEvent;
