using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>A track the client announced (AddTrackRequest) and the server assigned a sid to.</summary>
/// <param name="Cid">The client's track id; equals the msid track id in its publisher offer.</param>
/// <param name="Info">The track as published (sid, kind, source, name...).</param>
internal sealed record PendingTrack(string Cid, TrackInfo Info);
