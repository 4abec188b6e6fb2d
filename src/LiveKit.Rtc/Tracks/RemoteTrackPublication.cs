using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>A track published by a remote participant. <see cref="Track"/> is set while this room is subscribed to it.</summary>
public sealed class RemoteTrackPublication : TrackPublication
{
    private volatile RemoteTrack? _track;

    internal RemoteTrackPublication(FfiHandle handle, string sid, string name, TrackKind kind, TrackSource source, string mimeType, bool muted)
        : base(handle, sid, name, kind, source, mimeType, muted)
    {
    }

    public RemoteTrack? Track
    {
        get => _track;
        internal set => _track = value;
    }

    public bool IsSubscribed => _track is not null;

    /// <summary>Subscribes to or unsubscribes from the track (needed when the room was joined with AutoSubscribe off).</summary>
    public void SetSubscribed(bool subscribed)
    {
        using var lease = Handle.Acquire(this);
        FfiClient.Instance.Request(new FfiRequest
        {
            SetSubscribed = new SetSubscribedRequest { Subscribe = subscribed, PublicationHandle = lease.Id },
        });
    }

    internal void Release()
    {
        _track?.Handle.Dispose();
        _track = null;
        Handle.Dispose();
    }
}
