using LiveKit.DevServer.Rooms.Media;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms.Fakes;

/// <summary>One participant's fake media session.</summary>
internal sealed class FakeMedia(ParticipantMediaContext context, IParticipantMediaEvents events) : IParticipantMedia
{
    private readonly Lock _gate = new();
    private readonly List<SubscribedTrack> _subscribed = [];
    private readonly List<(byte[] Bytes, DataPacket.Types.Kind Kind)> _sent = [];
    private readonly List<PendingTrack> _expected = [];
    private int _offers;

    public ParticipantMediaContext Context { get; } = context;

    public IParticipantMediaEvents Events { get; } = events;

    public bool Disposed { get; private set; }

    public List<string> AppliedAnswers { get; } = [];

    public IReadOnlyList<SubscribedTrack> Subscribed
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscribed];
            }
        }
    }

    public IReadOnlyList<PendingTrack> Expected
    {
        get
        {
            lock (_gate)
            {
                return [.. _expected];
            }
        }
    }

    public IReadOnlyList<DataPacket> SentPackets
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent.Select(s => DataPacket.Parser.ParseFrom(s.Bytes))];
            }
        }
    }

    public IReadOnlyList<DataPacket.Types.Kind> SentKinds
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent.Select(s => s.Kind)];
            }
        }
    }

    /// <summary>Called when the room sends data to this participant (e.g. to answer an RPC).</summary>
    public Action<DataPacket>? OnSend { get; set; }

    public ValueTask<string?> AnswerPublisherOfferAsync(string offerSdp, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>("answer-to:" + offerSdp);

    /// <summary>An "SDP" listing the stream ids of the subscribed tracks, so tests can check what each offer carried.</summary>
    public ValueTask<string?> CreateSubscriberOfferAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _offers++;
            return ValueTask.FromResult<string?>($"offer {_offers}: " + string.Join(",", _subscribed.Select(t => t.StreamId)));
        }
    }

    public ValueTask ApplySubscriberAnswerAsync(string answerSdp, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            AppliedAnswers.Add(answerSdp);
        }

        return ValueTask.CompletedTask;
    }

    public void AddRemoteCandidate(SignalTarget target, string candidateInitJson, bool final)
    {
    }

    public void ExpectTrack(PendingTrack track)
    {
        lock (_gate)
        {
            _expected.Add(track);
        }
    }

    public void AddSubscribedTrack(SubscribedTrack track)
    {
        lock (_gate)
        {
            _subscribed.Add(track);
        }
    }

    public void RemoveSubscribedTrack(string trackSid)
    {
        lock (_gate)
        {
            _subscribed.RemoveAll(t => t.Info.Sid == trackSid);
        }
    }

    public void SendData(ReadOnlyMemory<byte> dataPacket, DataPacket.Types.Kind kind)
    {
        lock (_gate)
        {
            _sent.Add((dataPacket.ToArray(), kind));
        }

        OnSend?.Invoke(DataPacket.Parser.ParseFrom(dataPacket.Span));
    }

    /// <summary>Plays "media for the announced track arrived".</summary>
    public void Arrive(string cid, TrackType kind = TrackType.Audio)
    {
        var pending = Expected.Single(t => t.Cid == cid);
        Events.OnTrackPublished(cid, new FakeTrack(pending.Info.Sid, kind, "audio/opus"));
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
