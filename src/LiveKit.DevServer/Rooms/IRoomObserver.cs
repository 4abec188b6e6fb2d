using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// Room lifecycle events for the layers that react to them (webhooks, agent dispatch). Called under the
/// room lock, in order: implementations must only queue work, never block or call back into the room.
/// </summary>
internal interface IRoomObserver
{
    void OnRoomStarted(Room room, RoomSettings settings);

    void OnRoomFinished(Room room);

    void OnParticipantJoined(Room room, ParticipantInfo participant);

    void OnParticipantLeft(Room room, ParticipantInfo participant);

    void OnTrackPublished(Room room, ParticipantInfo participant, TrackInfo track);

    void OnTrackUnpublished(Room room, ParticipantInfo participant, TrackInfo track);
}
