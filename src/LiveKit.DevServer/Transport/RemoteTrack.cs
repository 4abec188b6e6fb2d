using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;

namespace LiveKit.DevServer.Transport;

/// <summary>
/// A track a client publishes to us: one receiving m= section of a publisher connection, with the SSRC announced in
/// SDP (or learned from the mid header extension), its codec and reception statistics.
/// </summary>
internal sealed class RemoteTrack
{
    private readonly Lock _statsLock = new();
    private long _lastKeyFrameRequest = long.MinValue;

    internal RemoteTrack(PeerConnection owner, NegotiatedSection section, uint ssrc, TimeProvider timeProvider)
    {
        Owner = owner;
        Mid = section.Mid;
        Kind = section.Kind;
        PayloadType = (byte)section.PayloadType;
        Codec = section.Codec!;
        StreamId = section.StreamId;
        TrackId = section.TrackId;
        Ssrc = ssrc;
        Statistics = new RtpReceiveStatistics(ssrc, (uint)Codec.ClockRate, timeProvider);
    }

    public PeerConnection Owner { get; }

    public string Mid { get; }

    public SdpMediaKind Kind { get; }

    public byte PayloadType { get; }

    public SdpCodec Codec { get; }

    /// <summary>The msid stream id the client announced (a MediaStream id).</summary>
    public string? StreamId { get; }

    /// <summary>The msid track id: the MediaStreamTrack id, which LiveKit clients send as the AddTrackRequest cid.</summary>
    public string? TrackId { get; }

    public uint Ssrc { get; }

    internal RtpReceiveStatistics Statistics { get; }

    internal Lock StatisticsLock => _statsLock;

    public long PacketsReceived
    {
        get
        {
            lock (_statsLock)
            {
                return Statistics.PacketsReceived;
            }
        }
    }

    /// <summary>Asks the publisher for a key frame (PLI, RFC 4585 §6.3.1), at most once per configured interval.</summary>
    public bool RequestKeyFrame()
    {
        long now = Owner.TimeProvider.GetTimestamp();
        lock (_statsLock)
        {
            if (_lastKeyFrameRequest != long.MinValue && Owner.TimeProvider.GetElapsedTime(_lastKeyFrameRequest, now) < Owner.Options.KeyFrameRequestInterval)
            {
                return false;
            }

            _lastKeyFrameRequest = now;
        }

        return Owner.SendPictureLossIndication(Ssrc);
    }

    /// <summary>Asks the publisher to resend lost packets (generic NACK, RFC 4585 §6.2.1).</summary>
    public bool RequestRetransmission(ReadOnlySpan<ushort> sequenceNumbers) => Owner.SendNack(Ssrc, sequenceNumbers);
}
