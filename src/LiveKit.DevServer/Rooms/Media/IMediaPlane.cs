using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// Creates the media side of each participant: its publisher and subscriber transports (v0 dual peer
/// connection), RTP forwarding and data channels. Implemented by the media plane (ICE-lite, DTLS-SRTP,
/// SCTP over one UDP port); <see cref="SignalOnlyMediaPlane"/> stands in when there is none.
/// </summary>
/// <remarks>Registered as a singleton; called from any thread.</remarks>
internal interface IMediaPlane
{
    /// <summary>Whether this plane carries media (false for the signal-only stand-in).</summary>
    bool CarriesMedia { get; }

    /// <summary>Codecs clients may publish (JoinResponse.enabled_publish_codecs, Room.enabled_codecs); livekit-client picks its video codec from them.</summary>
    IReadOnlyList<Codec> EnabledPublishCodecs { get; }

    /// <summary>
    /// Creates the session for a participant that just joined. The room owns the returned session and
    /// disposes it when the participant leaves or the room closes.
    /// </summary>
    /// <param name="context">Who the session is for.</param>
    /// <param name="events">Where the session reports what happens on its transports.</param>
    IParticipantMedia CreateSession(ParticipantMediaContext context, IParticipantMediaEvents events);
}
