using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms.Fakes;

/// <summary>A published track's media handle as a fake session reports it.</summary>
internal sealed record FakeTrack(string TrackSid, TrackType Kind, string MimeType) : IMediaTrack;
