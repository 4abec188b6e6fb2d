using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// The media of one published track, owned by the publisher's session. The room hands it to the
/// subscribers' sessions in <see cref="SubscribedTrack"/>; rooms never look inside.
/// </summary>
internal interface IMediaTrack
{
    /// <summary>The track's <c>TR_</c> sid.</summary>
    string TrackSid { get; }

    /// <summary>Audio or video.</summary>
    TrackType Kind { get; }

    /// <summary>The negotiated codec, e.g. <c>audio/opus</c>; empty when not known.</summary>
    string MimeType { get; }
}
