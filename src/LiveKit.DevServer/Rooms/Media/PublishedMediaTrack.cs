using LiveKit.DevServer.Rtp;
using LiveKit.DevServer.Sdp;
using LiveKit.DevServer.Transport;
using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// A published track on the media plane: the publisher connection's <see cref="RemoteTrack"/> and the
/// subscriber connections' <see cref="ForwardedTrack"/>s its packets fan out to.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> runs on the media receive thread for every packet; the sink list is an immutable
/// array swapped on change, so it never locks.
/// </remarks>
internal sealed class PublishedMediaTrack(RemoteTrack remote, string trackSid) : IMediaTrack
{
    private ForwardedTrack[] _sinks = [];

    public RemoteTrack Remote { get; } = remote;

    public string TrackSid { get; } = trackSid;

    public TrackType Kind => Remote.Kind == SdpMediaKind.Video ? TrackType.Video : TrackType.Audio;

    public string MimeType => (Remote.Kind == SdpMediaKind.Video ? "video/" : "audio/") + Remote.Codec.EncodingName;

    public void AddSink(ForwardedTrack sink)
    {
        sink.Source = Remote;
        ForwardedTrack[] current, next;
        do
        {
            current = Volatile.Read(ref _sinks);
            next = [.. current, sink];
        }
        while (Interlocked.CompareExchange(ref _sinks, next, current) != current);
    }

    public void RemoveSink(ForwardedTrack sink)
    {
        ForwardedTrack[] current, next;
        do
        {
            current = Volatile.Read(ref _sinks);
            next = [.. current.Where(s => !ReferenceEquals(s, sink))];
        }
        while (Interlocked.CompareExchange(ref _sinks, next, current) != current);
    }

    /// <summary>Sends one received packet to every subscriber (each rewrites and encrypts its own copy).</summary>
    public void Forward(in RtpHeader header, ReadOnlySpan<byte> packet)
    {
        foreach (var sink in Volatile.Read(ref _sinks))
        {
            sink.Forward(header, packet);
        }
    }
}
