using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// The media side of one participant: the publisher transport (the client offers, the server answers)
/// and the subscriber transport (the server offers, the client answers), tracks forwarded to the
/// participant, and its data channels.
/// </summary>
/// <remarks>
/// <para>Contract for implementations:</para>
/// <list type="bullet">
/// <item>Methods are called from any thread. The synchronous ones are called under the room lock: they
/// must not block and must not raise <see cref="IParticipantMediaEvents"/> synchronously (queue the event).</item>
/// <item>Offer/answer calls for one transport are never concurrent: the signalling session serializes
/// publisher offers, and <see cref="SubscriberNegotiator"/> serializes subscriber offers (one offer in
/// flight; changes made meanwhile are folded into the next offer).</item>
/// <item>The subscriber offer must announce each forwarded track with <c>a=msid:&lt;PA_sid&gt;|&lt;TR_sid&gt; &lt;TR_sid&gt;</c>
/// (see <see cref="SubscribedTrack.StreamId"/>): both official clients map incoming tracks to participants by it.</item>
/// <item>The first subscriber offer (right after join) carries the <c>_reliable</c> (ordered) and
/// <c>_lossy</c> (unordered, no retransmits) data channels when the subscriber connection is primary.</item>
/// <item>Disposal closes both transports and stops forwarding in both directions; it is called exactly once.</item>
/// </list>
/// </remarks>
internal interface IParticipantMedia : IAsyncDisposable
{
    /// <summary>
    /// Answers the client's publisher offer. Returns the answer SDP, or null when this session cannot
    /// answer (no media plane); the signalling layer echoes the offer's id on the answer.
    /// </summary>
    ValueTask<string?> AnswerPublisherOfferAsync(string offerSdp, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the next subscriber offer reflecting the tracks added and removed so far, or returns null
    /// when there is nothing to negotiate (or no media plane).
    /// </summary>
    ValueTask<string?> CreateSubscriberOfferAsync(CancellationToken cancellationToken);

    /// <summary>Applies the client's answer to the last subscriber offer.</summary>
    ValueTask ApplySubscriberAnswerAsync(string answerSdp, CancellationToken cancellationToken);

    /// <summary>
    /// A trickled ICE candidate from the client: <paramref name="candidateInitJson"/> is the JSON
    /// <c>{candidate, sdpMid, sdpMLineIndex[, usernameFragment]}</c> exactly as received.
    /// </summary>
    void AddRemoteCandidate(SignalTarget target, string candidateInitJson, bool final);

    /// <summary>
    /// The client announced a track (AddTrackRequest) and was told its sid. The session binds the
    /// incoming media whose msid track id equals <see cref="PendingTrack.Cid"/> (or, failing that, the
    /// first pending track of the same kind) and then raises <see cref="IParticipantMediaEvents.OnTrackPublished"/>.
    /// </summary>
    void ExpectTrack(PendingTrack track);

    /// <summary>Starts forwarding another participant's track to this participant (renegotiation follows).</summary>
    void AddSubscribedTrack(SubscribedTrack track);

    /// <summary>Stops forwarding a track to this participant (renegotiation follows). Unknown sids are ignored.</summary>
    void RemoveSubscribedTrack(string trackSid);

    /// <summary>
    /// Sends one serialized <see cref="DataPacket"/> to the client, on <c>_reliable</c> or <c>_lossy</c>
    /// by <paramref name="kind"/>. Dropped silently when the data channels are not open (yet).
    /// </summary>
    void SendData(ReadOnlyMemory<byte> dataPacket, DataPacket.Types.Kind kind);
}
