namespace LiveKit.DevServer.Sdp;

/// <summary>
/// The outcome of one m= section of an offer/answer exchange, as the transport needs it to route RTP.
/// </summary>
/// <param name="Mid">The section's media id.</param>
/// <param name="Kind">Audio, video or application.</param>
/// <param name="Accepted">False when rejected (port 0).</param>
/// <param name="LocalDirection">Our direction in the final description.</param>
/// <param name="PayloadType">The negotiated payload type, for RTP sections.</param>
/// <param name="Codec">The negotiated codec, for RTP sections.</param>
/// <param name="RemoteSsrcs">SSRCs the peer announced for what it sends in this section.</param>
/// <param name="StreamId">The peer's msid stream id (for a published track: its MediaStream id).</param>
/// <param name="TrackId">The peer's msid track id (for a published track: the MediaStreamTrack id, the cid).</param>
/// <param name="MidExtensionId">The a=extmap id of the sdes:mid header extension, if negotiated.</param>
internal sealed record NegotiatedSection(
    string Mid,
    SdpMediaKind Kind,
    bool Accepted,
    SdpMediaDirection LocalDirection,
    int PayloadType,
    SdpCodec? Codec,
    IReadOnlyList<uint> RemoteSsrcs,
    string? StreamId,
    string? TrackId,
    int? MidExtensionId);
