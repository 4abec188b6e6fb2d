using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

// Media events are routed to whichever room the participant is in when they arrive.
internal sealed partial class ServerParticipant
{
    void IParticipantMediaEvents.OnTrackPublished(string cid, IMediaTrack track) =>
        ServerRoom.OnMediaTrackPublished(this, cid, track);

    void IParticipantMediaEvents.OnTrackUnpublished(string trackSid) =>
        ServerRoom.UnpublishTrack(this, trackSid);

    void IParticipantMediaEvents.OnDataReceived(ReadOnlySpan<byte> dataPacket, DataPacket.Types.Kind channel) =>
        Room.RelayData(this, dataPacket, channel);

    void IParticipantMediaEvents.OnLocalCandidate(SignalTarget target, string candidateInitJson) =>
        Signal.Send(SignalFrame.From(new SignalResponse
        {
            Trickle = new TrickleRequest { CandidateInit = candidateInitJson, Target = target },
        }));

    void IParticipantMediaEvents.OnSubscriberNegotiationNeeded() => Negotiator?.NegotiationNeeded();

    void IParticipantMediaEvents.OnConnectionStateChanged(SignalTarget target, MediaConnectionState state) =>
        ServerRoom.OnMediaConnectionState(this, target, state);
}
