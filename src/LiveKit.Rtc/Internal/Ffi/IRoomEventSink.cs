using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>Receives the room events of one room handle. Called on a core thread: must not block or throw.</summary>
internal interface IRoomEventSink
{
    void OnRoomEvent(Proto.RoomEvent roomEvent);
}
