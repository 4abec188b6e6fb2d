using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>A track a participant announced. Mutated only under its room's lock.</summary>
internal sealed class PublishedTrack(string cid, TrackInfo info)
{
    /// <summary>The client's id for the track (AddTrackRequest.cid).</summary>
    public string Cid { get; } = cid;

    /// <summary>The live track info; clone it before handing it out.</summary>
    public TrackInfo Info { get; } = info;

    public string Sid => Info.Sid;

    /// <summary>The publisher session's media once it arrived; null while the track is pending.</summary>
    public IMediaTrack? Media { get; set; }

    /// <summary>True once media arrived and the track was announced to the room.</summary>
    public bool IsPublished => Media is not null;

    /// <summary>Whether the publisher was already told that someone subscribed (track_subscribed).</summary>
    public bool SubscribedNotified { get; set; }
}
