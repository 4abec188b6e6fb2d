using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc;

/// <summary>A media track: a local one this process publishes, or a remote one it is subscribed to.</summary>
public abstract class Track
{
    private protected Track(FfiHandle handle, string sid, string name, TrackKind kind, bool muted)
    {
        Handle = handle;
        Sid = sid;
        Name = name;
        Kind = kind;
        IsMuted = muted;
    }

    /// <summary>The server-assigned id (for a local track, known once published).</summary>
    public string Sid { get; internal set; }

    public string Name { get; }

    public TrackKind Kind { get; }

    public bool IsMuted { get; internal set; }

    internal FfiHandle Handle { get; }

    public override string ToString() => $"{GetType().Name}({Kind}, {Name}, {Sid})";
}
