using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc;

/// <summary>
/// A track of another participant that this room is subscribed to. It is owned by the <see cref="Room"/>:
/// released when unsubscribed or when the room is disposed. Read its audio with <see cref="AudioStream.FromTrack"/>.
/// </summary>
public sealed class RemoteTrack : Track
{
    internal RemoteTrack(FfiHandle handle, string sid, string name, TrackKind kind, bool muted)
        : base(handle, sid, name, kind, muted)
    {
    }
}
