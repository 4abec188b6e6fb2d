using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// What a participant's media session reports to the room (implemented by <see cref="ServerParticipant"/>).
/// Calls may come from any thread but never from inside a call into <see cref="IParticipantMedia"/>.
/// </summary>
internal interface IParticipantMediaEvents
{
    /// <summary>Media for the track announced with <paramref name="cid"/> arrived; the room now publishes it to others.</summary>
    void OnTrackPublished(string cid, IMediaTrack track);

    /// <summary>The client stopped sending a published track (renegotiated it away).</summary>
    void OnTrackUnpublished(string trackSid);

    /// <summary>
    /// One data-channel message from the client on <c>_reliable</c> or <c>_lossy</c> (either connection);
    /// <paramref name="channel"/> says which. The room applies the relay rules.
    /// </summary>
    void OnDataReceived(ReadOnlySpan<byte> dataPacket, DataPacket.Types.Kind channel);

    /// <summary>A local ICE candidate to trickle to the client (ICE-lite servers usually put theirs in the SDP instead).</summary>
    void OnLocalCandidate(SignalTarget target, string candidateInitJson);

    /// <summary>The session needs a new subscriber offer on its own account (e.g. ICE restart).</summary>
    void OnSubscriberNegotiationNeeded();

    /// <summary>A transport changed state. <see cref="MediaConnectionState.Connected"/> makes the participant ACTIVE.</summary>
    void OnConnectionStateChanged(SignalTarget target, MediaConnectionState state);
}
