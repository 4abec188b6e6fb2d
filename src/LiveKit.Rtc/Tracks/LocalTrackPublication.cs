using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc;

/// <summary>A track this client published. Owned by the room; released when unpublished or when the room is disposed.</summary>
public sealed class LocalTrackPublication : TrackPublication
{
    internal LocalTrackPublication(FfiHandle handle, string sid, string name, TrackKind kind, TrackSource source, string mimeType, bool muted, LocalAudioTrack track)
        : base(handle, sid, name, kind, source, mimeType, muted)
    {
        Track = track;
    }

    public LocalAudioTrack Track { get; }
}
