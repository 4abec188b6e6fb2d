using System.Security.Cryptography;
using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;

namespace LiveKit.DevServer.Transport;

/// <summary>Offer/answer: the publisher side answers client offers, the subscriber side offers forwarded tracks.</summary>
internal sealed partial class PeerConnection
{
    /// <summary>Recent video packets kept per forwarded video track to answer NACKs.</summary>
    private const int VideoCacheCapacity = 128;

    private readonly List<ForwardedTrack> _forwarded = [];
    private SdpRemoteTransport? _remoteTransport;
    private SignalingState _signaling = SignalingState.Stable;
    private SubscriberOfferBuilder? _offerBuilder;
    private bool _answersOffers;
    private ulong _answerVersion;
    private volatile RemoteTrack[] _remoteTracks = [];
    private volatile Dictionary<uint, RemoteTrack> _tracksBySsrc = [];
    private volatile Dictionary<string, NegotiatedSection> _sectionsAwaitingSsrc = [];
    private volatile Dictionary<uint, ForwardedTrack> _forwardedBySsrc = [];

    /// <summary>A published track was negotiated (its SSRC known from SDP) or first seen (SSRC learned by mid).</summary>
    public event Action<PeerConnection, RemoteTrack>? TrackReceived;

    /// <summary>A published track's section went inactive or away in a new offer.</summary>
    public event Action<PeerConnection, RemoteTrack>? TrackEnded;

    public SignalingState SignalingState
    {
        get
        {
            lock (_negotiationLock)
            {
                return _signaling;
            }
        }
    }

    /// <summary>Tracks the client publishes on this (publisher) connection.</summary>
    public IReadOnlyList<RemoteTrack> RemoteTracks => _remoteTracks;

    /// <summary>Tracks we send on this (subscriber) connection.</summary>
    public IReadOnlyList<ForwardedTrack> ForwardedTracks
    {
        get
        {
            lock (_negotiationLock)
            {
                return [.. _forwarded];
            }
        }
    }

    /// <summary>
    /// Answers a client offer (publisher connection, or any renegotiation of it): returns our answer SDP and starts
    /// ICE/DTLS on the first call. Throws <see cref="SdpNegotiationException"/> with a client-facing reason when the
    /// offer is unusable; the connection is then unchanged.
    /// </summary>
    public string ApplyRemoteOffer(string offerSdp)
    {
        List<RemoteTrack> added;
        List<RemoteTrack> ended;
        string answerText;
        bool started;
        lock (_negotiationLock)
        {
            ThrowIfClosed();
            if (_offerBuilder is not null)
            {
                throw new SdpNegotiationException("This connection is offered by the server; it does not take offers.");
            }

            if (!SessionDescription.TryParse(offerSdp, out var offer, out string? error))
            {
                throw new SdpNegotiationException("Invalid offer: " + error);
            }

            if (!SdpAnswerBuilder.TryBuild(offer!, LocalParameters(), new SdpAnswerOptions(), ++_answerVersion, out var answer, out error))
            {
                throw new SdpNegotiationException("Unusable offer: " + error);
            }

            started = ApplyRemoteTransport(answer!.Remote, answer.Sections.Any(x => x.Kind == SdpMediaKind.Application && x.Accepted));
            _answersOffers = true;
            (added, ended) = UpdateRemoteTracks(answer.Sections);
            answerText = answer.Description.ToString();
        }

        if (started)
        {
            OnTransportStarted();
        }

        foreach (var track in ended)
        {
            TrackEnded?.Invoke(this, track);
        }

        foreach (var track in added)
        {
            TrackReceived?.Invoke(this, track);
        }

        return answerText;
    }

    /// <summary>
    /// Adds a track to send on this (subscriber) connection, in a free section of its kind or a new one. It is
    /// offered with <c>a=msid:&lt;participantSid&gt;|&lt;trackSid&gt; &lt;trackSid&gt;</c> on the next
    /// <see cref="CreateOffer"/>. Set <see cref="ForwardedTrack.Source"/> and feed <see cref="ForwardedTrack.Forward"/>.
    /// </summary>
    public ForwardedTrack AddForwardedTrack(string participantSid, string trackSid, SdpMediaKind kind, string? cname = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(participantSid);
        ArgumentException.ThrowIfNullOrEmpty(trackSid);
        lock (_negotiationLock)
        {
            ThrowIfClosed();
            var builder = OfferBuilder();
            uint ssrc = NewSsrc();
            var description = new ForwardedTrackDescription(participantSid, trackSid, kind, ssrc, cname ?? participantSid);
            var section = builder.AddTrack(description);
            var codec = kind == SdpMediaKind.Audio ? SdpCodec.Opus : SdpCodec.Vp8;
            var forwarder = new RtpForwarder(ssrc, (byte)codec.PreferredPayloadType, (uint)codec.ClockRate, TimeProvider);
            var track = new ForwardedTrack(this, section, description, forwarder, kind == SdpMediaKind.Video ? new RtpPacketCache(VideoCacheCapacity) : null);
            _forwarded.Add(track);
            _forwardedBySsrc = new Dictionary<uint, ForwardedTrack>(_forwardedBySsrc) { [ssrc] = track };
            return track;
        }
    }

    /// <summary>Stops sending <paramref name="track"/>; its section is offered inactive next time and reused later.</summary>
    public bool RemoveForwardedTrack(ForwardedTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        lock (_negotiationLock)
        {
            if (!_forwarded.Remove(track))
            {
                return false;
            }

            _offerBuilder?.RemoveTrack(track.Description.TrackSid);
            var map = new Dictionary<uint, ForwardedTrack>(_forwardedBySsrc);
            map.Remove(track.Ssrc);
            _forwardedBySsrc = map;
            return true;
        }
    }

    /// <summary>
    /// Creates our offer for the subscriber connection: the data channel section first, then one section per
    /// forwarded track (inactive where a track was removed). Starts a HaveLocalOffer round.
    /// </summary>
    public string CreateOffer()
    {
        lock (_negotiationLock)
        {
            ThrowIfClosed();
            var offer = OfferBuilder().CreateOffer(LocalParameters());
            _signaling = SignalingState.HaveLocalOffer;
            return offer.ToString();
        }
    }

    /// <summary>Applies the client's answer to our last offer; starts ICE/DTLS on the first one.</summary>
    public void ApplyRemoteAnswer(string answerSdp)
    {
        bool started;
        lock (_negotiationLock)
        {
            ThrowIfClosed();
            if (_signaling != SignalingState.HaveLocalOffer || _offerBuilder is null)
            {
                throw new SdpNegotiationException("There is no offer of ours waiting for an answer.");
            }

            if (!SessionDescription.TryParse(answerSdp, out var answer, out string? error))
            {
                throw new SdpNegotiationException("Invalid answer: " + error);
            }

            if (!_offerBuilder.TryApplyAnswer(answer!, out var remote, out error))
            {
                throw new SdpNegotiationException("Unusable answer: " + error);
            }

            started = ApplyRemoteTransport(remote!, _offerBuilder.Sections.Any(x => x.Kind == SdpMediaKind.Application && x.Usable));
            _signaling = SignalingState.Stable;
        }

        // Outside the lock: state subscribers take the room's lock (see ApplyRemoteTransport).
        if (started)
        {
            OnTransportStarted();
        }
    }

    internal SdpLocalParameters LocalParameters()
        => new(LocalCredentials.Ufrag, LocalCredentials.Password, _transport.Certificate.Fingerprint.ToString(), _transport.AdvertisedEndPoint, _sessionId);

    private SubscriberOfferBuilder OfferBuilder()
    {
        if (_answersOffers)
        {
            throw new InvalidOperationException("This connection answers the client's offers; it cannot also offer.");
        }

        return _offerBuilder ??= new SubscriberOfferBuilder(includeDataChannel: true);
    }

    private uint NewSsrc()
    {
        while (true)
        {
            uint ssrc = (uint)RandomNumberGenerator.GetInt32(1, int.MaxValue);
            if (ssrc != _localRtcpSsrc && !_forwardedBySsrc.ContainsKey(ssrc))
            {
                return ssrc;
            }
        }
    }

    private (List<RemoteTrack> Added, List<RemoteTrack> Ended) UpdateRemoteTracks(IReadOnlyList<NegotiatedSection> sections)
    {
        var previous = _remoteTracks;
        var tracks = new List<RemoteTrack>();
        var added = new List<RemoteTrack>();
        var awaiting = new Dictionary<string, NegotiatedSection>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            if (!section.Accepted || section.LocalDirection != SdpMediaDirection.RecvOnly || section.Codec is null)
            {
                continue;
            }

            if (section.RemoteSsrcs.Count == 0)
            {
                var learned = Array.Find(previous, t => t.Mid == section.Mid);
                if (learned is not null)
                {
                    tracks.Add(learned);
                }
                else if (section.MidExtensionId is not null)
                {
                    awaiting[section.Mid] = section;
                }

                continue;
            }

            uint ssrc = section.RemoteSsrcs[0];
            var existing = Array.Find(previous, t => t.Mid == section.Mid && t.Ssrc == ssrc);
            var track = existing ?? new RemoteTrack(this, section, ssrc, TimeProvider);
            tracks.Add(track);
            if (existing is null)
            {
                added.Add(track);
            }
        }

        var ended = previous.Where(t => !tracks.Contains(t)).ToList();
        PublishRemoteTracks([.. tracks]);
        _sectionsAwaitingSsrc = awaiting;
        return (added, ended);
    }

    private void PublishRemoteTracks(RemoteTrack[] tracks)
    {
        _tracksBySsrc = tracks.ToDictionary(t => t.Ssrc);
        _remoteTracks = tracks;
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException($"Peer connection {Id} is {State}.");
        }
    }
}
