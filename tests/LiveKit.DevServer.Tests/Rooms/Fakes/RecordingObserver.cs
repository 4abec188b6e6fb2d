using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms.Fakes;

/// <summary>Records room events as "event:room[:identity[:track]]" strings, in order.</summary>
internal sealed class RecordingObserver : IRoomObserver
{
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void OnRoomStarted(Room room, RoomSettings settings) => Add($"room_started:{room.Name}");

    public void OnRoomFinished(Room room) => Add($"room_finished:{room.Name}");

    public void OnParticipantJoined(Room room, ParticipantInfo participant) => Add($"participant_joined:{room.Name}:{participant.Identity}");

    public void OnParticipantLeft(Room room, ParticipantInfo participant) => Add($"participant_left:{room.Name}:{participant.Identity}");

    public void OnTrackPublished(Room room, ParticipantInfo participant, TrackInfo track) => Add($"track_published:{room.Name}:{participant.Identity}:{track.Name}");

    public void OnTrackUnpublished(Room room, ParticipantInfo participant, TrackInfo track) => Add($"track_unpublished:{room.Name}:{participant.Identity}:{track.Name}");

    private void Add(string e)
    {
        lock (_events)
        {
            _events.Add(e);
        }
    }
}
