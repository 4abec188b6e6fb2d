using LiveKit.DevServer.Rooms;
using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms.Fakes;

/// <summary>
/// A media plane whose sessions record what the room asked of them. Tests play the media side by
/// calling <see cref="FakeMedia.Events"/> (track arrived, data received) themselves.
/// </summary>
internal sealed class FakeMediaPlane : IMediaPlane
{
    private readonly List<FakeMedia> _sessions = [];

    public bool CarriesMedia => true;

    public IReadOnlyList<Codec> EnabledPublishCodecs { get; } = [new Codec { Mime = "audio/opus" }];

    public IParticipantMedia CreateSession(ParticipantMediaContext context, IParticipantMediaEvents events)
    {
        var media = new FakeMedia(context, events);
        lock (_sessions)
        {
            _sessions.Add(media);
        }

        return media;
    }

    public FakeMedia Of(string identity)
    {
        lock (_sessions)
        {
            return _sessions.Last(s => s.Context.Identity == identity);
        }
    }
}
