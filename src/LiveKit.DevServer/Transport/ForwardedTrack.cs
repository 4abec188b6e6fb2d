using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// A track we send on a subscriber connection: its section and SSRC, the rewriter that keeps its sequence numbers and
/// timestamps continuous, and for video a cache of recent packets to answer NACKs. Feed it with <see cref="Forward"/>
/// from the publisher's <see cref="PeerConnection.RtpReceived"/>.
/// </summary>
internal sealed class ForwardedTrack
{
    private RemoteTrack? _source;

    internal ForwardedTrack(PeerConnection owner, SubscriberSection section, ForwardedTrackDescription description, RtpForwarder forwarder, RtpPacketCache? cache)
    {
        Owner = owner;
        Section = section;
        Description = description;
        Forwarder = forwarder;
        Cache = cache;
    }

    public PeerConnection Owner { get; }

    public ForwardedTrackDescription Description { get; }

    public string Mid => Section.Mid;

    public uint Ssrc => Forwarder.Ssrc;

    public byte PayloadType => Forwarder.PayloadType;

    /// <summary>
    /// The published track feeding this one; NACKs the cache cannot answer and key-frame requests go to it. Setting
    /// a different source starts a new segment, so the subscriber sees one continuous stream.
    /// </summary>
    public RemoteTrack? Source
    {
        get => Volatile.Read(ref _source);
        set
        {
            var previous = Interlocked.Exchange(ref _source, value);
            if (!ReferenceEquals(previous, value))
            {
                Owner.OnSourceChanged(this);
            }
        }
    }

    internal SubscriberSection Section { get; }

    /// <summary>Guarded by the owner's send lock.</summary>
    internal RtpForwarder Forwarder { get; }

    /// <summary>Guarded by the owner's send lock; null for audio.</summary>
    internal RtpPacketCache? Cache { get; }

    /// <summary>
    /// Rewrites, encrypts and sends one packet of the source. Returns false when it was not sent (connection not up
    /// yet, or a straggler of a previous source). Safe from any thread; does not allocate.
    /// </summary>
    public bool Forward(in RtpHeader header, ReadOnlySpan<byte> packet) => Owner.SendForwarded(this, header, packet);
}
