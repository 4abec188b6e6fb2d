using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>Fans room events out to several observers, in registration order.</summary>
internal sealed class RoomObservers(IEnumerable<IRoomObserver> observers) : IRoomObserver
{
    private readonly IRoomObserver[] _observers = [.. observers];

    public void OnRoomStarted(Room room, RoomSettings settings)
    {
        foreach (var o in _observers)
        {
            o.OnRoomStarted(room, settings);
        }
    }

    public void OnRoomFinished(Room room)
    {
        foreach (var o in _observers)
        {
            o.OnRoomFinished(room);
        }
    }

    public void OnParticipantJoined(Room room, ParticipantInfo participant)
    {
        foreach (var o in _observers)
        {
            o.OnParticipantJoined(room, participant);
        }
    }

    public void OnParticipantLeft(Room room, ParticipantInfo participant)
    {
        foreach (var o in _observers)
        {
            o.OnParticipantLeft(room, participant);
        }
    }

    public void OnTrackPublished(Room room, ParticipantInfo participant, TrackInfo track)
    {
        foreach (var o in _observers)
        {
            o.OnTrackPublished(room, participant, track);
        }
    }

    public void OnTrackUnpublished(Room room, ParticipantInfo participant, TrackInfo track)
    {
        foreach (var o in _observers)
        {
            o.OnTrackUnpublished(room, participant, track);
        }
    }
}
