namespace LiveKit.DevServer.Sdp;

/// <summary>
/// A track the server sends on a subscriber connection. The stream id is "&lt;participant sid&gt;|&lt;track sid&gt;"
/// and the track id the track sid, as livekit-client and the Rust SDK expect (<c>a=msid:PA_x|TR_y TR_y</c>).
/// </summary>
internal sealed record ForwardedTrackDescription(string ParticipantSid, string TrackSid, SdpMediaKind Kind, uint Ssrc, string Cname)
{
    public string StreamId => ParticipantSid + "|" + TrackSid;
}
