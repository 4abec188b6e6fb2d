using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>A track forwarded to a subscriber.</summary>
/// <param name="PublisherSid">The publisher's <c>PA_</c> sid.</param>
/// <param name="Info">The track's info (sid, kind, codec).</param>
/// <param name="Source">The publisher session's media of the track.</param>
internal sealed record SubscribedTrack(string PublisherSid, TrackInfo Info, IMediaTrack Source)
{
    /// <summary>
    /// The stream id for the subscriber offer's msid, <c>PA_…|TR_…</c> (srv:rtc/utils.go). livekit-client
    /// splits it on '|', the Rust SDK requires exactly two parts.
    /// </summary>
    public string StreamId => PublisherSid + "|" + Info.Sid;
}
