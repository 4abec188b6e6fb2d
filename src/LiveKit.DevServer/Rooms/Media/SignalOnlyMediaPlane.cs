using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// The media plane used when none is configured: signalling only, like LiveKit's own mock server
/// (cmd/test-server). Offers are not answered and no subscriber offer is made, so clients' WebRTC
/// connections never come up; an announced track counts as published as soon as it is announced, so
/// everything above media (participant updates, track info, mute, subscriptions) behaves as with media.
/// Data packets to clients are dropped (there are no data channels).
/// </summary>
internal sealed class SignalOnlyMediaPlane : IMediaPlane
{
    private static readonly Codec[] Codecs = [new() { Mime = "audio/opus" }, new() { Mime = "video/VP8" }];

    public bool CarriesMedia => false;

    public IReadOnlyList<Codec> EnabledPublishCodecs => Codecs;

    public IParticipantMedia CreateSession(ParticipantMediaContext context, IParticipantMediaEvents events) =>
        new Session(events);

    private sealed class Session(IParticipantMediaEvents events) : IParticipantMedia
    {
        private readonly Lock _gate = new();
        private readonly List<Task> _callbacks = [];
        private bool _disposed;

        public ValueTask<string?> AnswerPublisherOfferAsync(string offerSdp, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

        public ValueTask<string?> CreateSubscriberOfferAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

        public ValueTask ApplySubscriberAnswerAsync(string answerSdp, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public void AddRemoteCandidate(SignalTarget target, string candidateInitJson, bool final)
        {
        }

        public void ExpectTrack(PendingTrack track)
        {
            // Raised asynchronously: the caller holds the room lock (see IParticipantMedia).
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _callbacks.RemoveAll(t => t.IsCompleted);
                var media = new Track(track.Info.Sid, track.Info.Type, track.Info.MimeType);
                _callbacks.Add(Task.Run(() => events.OnTrackPublished(track.Cid, media)));
            }
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

        public async ValueTask DisposeAsync()
        {
            Task[] pending;
            lock (_gate)
            {
                _disposed = true;
                pending = [.. _callbacks];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    private sealed record Track(string TrackSid, TrackType Kind, string MimeType) : IMediaTrack;
}
