using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Transport;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// One participant's media over two <see cref="PeerConnection"/>s (v0): the publisher connection answers
/// the client's offers and receives its tracks; the subscriber connection is offered by us, carries the
/// forwarded tracks and, when primary, the server-opened <c>_reliable</c>/<c>_lossy</c> data channels.
/// </summary>
/// <remarks>
/// Threading: room calls arrive on any thread (some under the room lock; none of them raises an event
/// synchronously). Peer connection events arrive on the media threads and are passed to the room as they
/// come; the room takes its own lock. Packet forwarding never takes a lock (see <see cref="PublishedMediaTrack"/>).
/// </remarks>
internal sealed partial class PeerConnectionParticipantMedia : IParticipantMedia
{
    private const string ReliableLabel = "_reliable";
    private const string LossyLabel = "_lossy";

    private readonly PeerConnection _publisher;
    private readonly PeerConnection _subscriber;
    private readonly IParticipantMediaEvents _events;
    private readonly ILogger _logger;
    private readonly string _participantSid;
    private readonly Lock _gate = new();
    private readonly List<PendingTrack> _pending = [];
    private readonly List<RemoteTrack> _unmatched = [];
    private readonly Dictionary<RemoteTrack, PublishedMediaTrack> _published = [];

    // Read per packet on the media thread without a lock: replaced (never mutated) under _gate.
    private volatile Dictionary<RemoteTrack, PublishedMediaTrack> _publishedSnapshot = [];
    private readonly Dictionary<string, (ForwardedTrack Sink, PublishedMediaTrack Source)> _subscribed = new(StringComparer.Ordinal);
    private bool _disposed;

    public PeerConnectionParticipantMedia(MediaUdpTransport transport, ParticipantMediaContext context, IParticipantMediaEvents events, ILogger logger)
    {
        _events = events;
        _logger = logger;
        _participantSid = context.ParticipantSid;
        _publisher = transport.CreatePeerConnection("PUB_" + context.ParticipantSid);
        _subscriber = transport.CreatePeerConnection("SUB_" + context.ParticipantSid);
        _publisher.RtpReceived += OnRtp;
        _publisher.TrackReceived += (_, track) => OnTrackReceived(track);
        _publisher.TrackEnded += (_, track) => OnTrackEnded(track);
        _publisher.StateChanged += (_, state) => OnState(SignalTarget.Publisher, state);
        _subscriber.StateChanged += (_, state) => OnState(SignalTarget.Subscriber, state);
        _publisher.DataChannelAdded += (_, channel) => channel.MessageReceived += OnDataMessage;
        _subscriber.DataChannelAdded += (_, channel) => channel.MessageReceived += OnDataMessage;
        if (context.SubscriberPrimary)
        {
            // LiveKit's server opens these on the subscriber connection (srv:rtc/transportmanager.go).
            _subscriber.AddDataChannel(DataChannelOptions.LiveKitReliable);
            _subscriber.AddDataChannel(DataChannelOptions.LiveKitLossy);
        }
    }

    public ValueTask<string?> AnswerPublisherOfferAsync(string offerSdp, CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult<string?>(_publisher.ApplyRemoteOffer(offerSdp));
        }
        catch (SdpNegotiationException e)
        {
            LogNegotiationFailed(_logger, _participantSid, SignalTarget.Publisher, e.Message);
            return ValueTask.FromResult<string?>(null);
        }
    }

    public ValueTask<string?> CreateSubscriberOfferAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(_subscriber.CreateOffer());

    public ValueTask ApplySubscriberAnswerAsync(string answerSdp, CancellationToken cancellationToken)
    {
        try
        {
            _subscriber.ApplyRemoteAnswer(answerSdp);
        }
        catch (SdpNegotiationException e)
        {
            LogNegotiationFailed(_logger, _participantSid, SignalTarget.Subscriber, e.Message);
        }

        return ValueTask.CompletedTask;
    }

    // ICE-lite: the client's checks reach us as peer-reflexive candidates; trickled ones add nothing.
    public void AddRemoteCandidate(SignalTarget target, string candidateInitJson, bool final)
    {
    }

    public void ExpectTrack(PendingTrack track)
    {
        RemoteTrack? early;
        lock (_gate)
        {
            early = _unmatched.Find(r => r.TrackId == track.Cid) ?? _unmatched.Find(r => KindOf(r) == track.Info.Type);
            if (early is null)
            {
                _pending.Add(track);
                return;
            }

            _unmatched.Remove(early);
        }

        // Media was negotiated before the room knew the track: announce it, off the caller's (locked) thread.
        ThreadPool.UnsafeQueueUserWorkItem(state => Publish(state.track, state.early), (track, early), preferLocal: false);
    }

    public void AddSubscribedTrack(SubscribedTrack track)
    {
        if (track.Source is not PublishedMediaTrack source)
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed || _subscribed.ContainsKey(track.Info.Sid))
            {
                return;
            }

            var kind = track.Info.Type == TrackType.Video ? SdpMediaKind.Video : SdpMediaKind.Audio;
            var sink = _subscriber.AddForwardedTrack(track.PublisherSid, track.Info.Sid, kind);
            source.AddSink(sink);
            _subscribed[track.Info.Sid] = (sink, source);
        }
    }

    public void RemoveSubscribedTrack(string trackSid)
    {
        lock (_gate)
        {
            if (_subscribed.Remove(trackSid, out var entry))
            {
                entry.Source.RemoveSink(entry.Sink);
                _subscriber.RemoveForwardedTrack(entry.Sink);
            }
        }
    }

    public void SendData(ReadOnlyMemory<byte> dataPacket, DataPacket.Types.Kind kind)
    {
        var label = kind == DataPacket.Types.Kind.Lossy ? LossyLabel : ReliableLabel;
        var channel = _subscriber.FindDataChannel(label) ?? _publisher.FindDataChannel(label);
        if (channel is { State: DataChannelState.Open })
        {
            channel.Send(dataPacket.Span);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var (sink, source) in _subscribed.Values)
            {
                source.RemoveSink(sink);
            }

            _subscribed.Clear();
        }

        await _publisher.DisposeAsync().ConfigureAwait(false);
        await _subscriber.DisposeAsync().ConfigureAwait(false);
    }

    private void OnTrackReceived(RemoteTrack remote)
    {
        PendingTrack? pending;
        lock (_gate)
        {
            // LiveKit binds by cid = msid track id, else the first pending track of the kind (srv:rtc/participant.go).
            pending = _pending.Find(p => p.Cid == remote.TrackId) ?? _pending.Find(p => p.Info.Type == KindOf(remote));
            if (pending is null)
            {
                _unmatched.Add(remote);
                return;
            }

            _pending.Remove(pending);
        }

        Publish(pending, remote);
    }

    private void Publish(PendingTrack pending, RemoteTrack remote)
    {
        var published = new PublishedMediaTrack(remote, pending.Info.Sid);
        lock (_gate)
        {
            _published[remote] = published;
            _publishedSnapshot = new Dictionary<RemoteTrack, PublishedMediaTrack>(_published);
        }

        _events.OnTrackPublished(pending.Cid, published);
    }

    private void OnTrackEnded(RemoteTrack remote)
    {
        PublishedMediaTrack? published;
        lock (_gate)
        {
            _unmatched.Remove(remote);
            _published.Remove(remote, out published);
            _publishedSnapshot = new Dictionary<RemoteTrack, PublishedMediaTrack>(_published);
        }

        if (published is not null)
        {
            _events.OnTrackUnpublished(published.TrackSid);
        }
    }

    private void OnRtp(RemoteTrack track, in RtpHeader header, ReadOnlySpan<byte> packet)
    {
        if (_publishedSnapshot.TryGetValue(track, out var published))
        {
            published.Forward(header, packet);
        }
    }

    private void OnDataMessage(DataChannel channel, DataChannelMessageType type, ReadOnlySpan<byte> payload)
    {
        if (channel.Label is ReliableLabel or LossyLabel)
        {
            _events.OnDataReceived(payload, channel.Label == LossyLabel ? DataPacket.Types.Kind.Lossy : DataPacket.Types.Kind.Reliable);
        }
    }

    private void OnState(SignalTarget target, PeerConnectionState state) =>
        _events.OnConnectionStateChanged(target, state switch
        {
            PeerConnectionState.New => MediaConnectionState.New,
            PeerConnectionState.Connecting => MediaConnectionState.Connecting,
            PeerConnectionState.Connected => MediaConnectionState.Connected,
            PeerConnectionState.Disconnected => MediaConnectionState.Disconnected,
            PeerConnectionState.Failed => MediaConnectionState.Failed,
            _ => MediaConnectionState.Closed,
        });

    private static TrackType KindOf(RemoteTrack track) => track.Kind == SdpMediaKind.Video ? TrackType.Video : TrackType.Audio;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Participant {ParticipantSid}: the {Target} negotiation failed: {Reason}")]
    private static partial void LogNegotiationFailed(ILogger logger, string participantSid, SignalTarget target, string reason);
}
