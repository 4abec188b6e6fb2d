using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Lists every <c>FfiOwnedHandle</c> an event carries, so an event nobody takes (a room already gone, a call
/// already cancelled) still has its handles dropped.
/// </summary>
internal static class OwnedHandles
{
    public static List<ulong> Of(FfiEvent ffiEvent)
    {
        var ids = new List<ulong>();
        switch (ffiEvent.MessageCase)
        {
            case FfiEvent.MessageOneofCase.RoomEvent:
                AddRoomEvent(ffiEvent.RoomEvent, ids);
                break;
            case FfiEvent.MessageOneofCase.Connect when ffiEvent.Connect.Result is { } result:
                Add(result.Room?.Handle, ids);
                Add(result.LocalParticipant?.Handle, ids);
                foreach (var p in result.Participants)
                {
                    Add(p.Participant?.Handle, ids);
                    foreach (var pub in p.Publications)
                    {
                        Add(pub.Handle, ids);
                    }
                }
                break;
            case FfiEvent.MessageOneofCase.PublishTrack:
                Add(ffiEvent.PublishTrack.Publication?.Handle, ids);
                break;
            case FfiEvent.MessageOneofCase.TextStreamOpen:
                Add(ffiEvent.TextStreamOpen.Writer?.Handle, ids);
                break;
            case FfiEvent.MessageOneofCase.AudioStreamEvent:
                Add(ffiEvent.AudioStreamEvent.FrameReceived?.Frame?.Handle, ids);
                break;
        }
        return ids;
    }

    public static void AddRoomEvent(Proto.RoomEvent roomEvent, List<ulong> ids)
    {
        switch (roomEvent.MessageCase)
        {
            case Proto.RoomEvent.MessageOneofCase.ParticipantConnected:
                Add(roomEvent.ParticipantConnected.Info?.Handle, ids);
                break;
            case Proto.RoomEvent.MessageOneofCase.TrackPublished:
                Add(roomEvent.TrackPublished.Publication?.Handle, ids);
                break;
            case Proto.RoomEvent.MessageOneofCase.TrackSubscribed:
                Add(roomEvent.TrackSubscribed.Track?.Handle, ids);
                break;
            case Proto.RoomEvent.MessageOneofCase.DataPacketReceived:
                Add(roomEvent.DataPacketReceived.User?.Data?.Handle, ids);
                break;
            case Proto.RoomEvent.MessageOneofCase.ByteStreamOpened:
                Add(roomEvent.ByteStreamOpened.Reader?.Handle, ids);
                break;
            case Proto.RoomEvent.MessageOneofCase.TextStreamOpened:
                Add(roomEvent.TextStreamOpened.Reader?.Handle, ids);
                break;
            case Proto.RoomEvent.MessageOneofCase.DataTrackPublished:
                Add(roomEvent.DataTrackPublished.Track?.Handle, ids);
                break;
        }
    }

    private static void Add(FfiOwnedHandle? handle, List<ulong> ids)
    {
        if (handle is { Id: not 0 })
        {
            ids.Add(handle.Id);
        }
    }
}
