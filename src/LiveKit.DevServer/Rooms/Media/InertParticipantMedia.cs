using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// The media of a participant that has no transports of its own: a participant forwarded into another
/// room (ForwardParticipant) and a participant whose session is not created yet. Does nothing.
/// </summary>
internal sealed class InertParticipantMedia : IParticipantMedia
{
    public static readonly InertParticipantMedia Instance = new();

    private InertParticipantMedia()
    {
    }

    public ValueTask<string?> AnswerPublisherOfferAsync(string offerSdp, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<string?> CreateSubscriberOfferAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask ApplySubscriberAnswerAsync(string answerSdp, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void AddRemoteCandidate(SignalTarget target, string candidateInitJson, bool final)
    {
    }

    public void ExpectTrack(PendingTrack track)
    {
    }

    public void AddSubscribedTrack(SubscribedTrack track)
    {
    }

    public void RemoveSubscribedTrack(string trackSid)
    {
    }

    public void SendData(ReadOnlyMemory<byte> dataPacket, DataPacket.Types.Kind kind)
    {
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
