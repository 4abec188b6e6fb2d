using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc;

/// <summary>A track as published in a room (its announcement), with or without the media (<see cref="Track"/>).</summary>
public abstract class TrackPublication
{
    private protected TrackPublication(FfiHandle handle, string sid, string name, TrackKind kind, TrackSource source, string mimeType, bool muted)
    {
        Handle = handle;
        Sid = sid;
        Name = name;
        Kind = kind;
        Source = source;
        MimeType = mimeType;
        IsMuted = muted;
    }

    public string Sid { get; }

    public string Name { get; }

    public TrackKind Kind { get; }

    public TrackSource Source { get; }

    public string MimeType { get; }

    public bool IsMuted { get; internal set; }

    internal FfiHandle Handle { get; }

    public override string ToString() => $"{GetType().Name}({Kind}, {Name}, {Sid})";
}
